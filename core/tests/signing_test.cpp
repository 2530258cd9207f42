#include "core/signing.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace core {
namespace {

std::filesystem::path source_dir() {
  if (const char* dir = std::getenv("APC_SOURCE_DIR")) return dir;
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
}

std::filesystem::path key_dir() {
  return source_dir() / "mock_amazon" / "testdata" / "keys";
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Instant at(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  return Instant{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{mo} /
                                       std::chrono::day{d}}} +
         Duration{h * 3600 + mi * 60 + s};
}

// The §2.5 request: GET / with the five standard headers and an empty body.
HttpRequest vector_request() {
  HttpRequest req;
  req.method = "GET";
  req.path = "/";
  req.headers = {{"accept", "application/json"},
                 {"content-type", "application/json"},
                 {"x-amz-pay-date", "20180524T223710Z"},
                 {"x-amz-pay-host", "pay-api.amazon.eu"},
                 {"x-amz-pay-region", "EU"}};
  return req;
}

const std::vector<std::string> kVectorHeaders = {"accept", "content-type", "x-amz-pay-date",
                                                 "x-amz-pay-host", "x-amz-pay-region"};

// ---- test vectors (§2.5) -----------------------------------------------------------------

TEST(SigningVectors, GetCanonicalRequestAndStringToSign) {
  const std::string expected =
      "GET\n/\n\naccept:application/json\ncontent-type:application/json\n"
      "x-amz-pay-date:20180524T223710Z\nx-amz-pay-host:pay-api.amazon.eu\nx-amz-pay-region:EU\n\n"
      "accept;content-type;x-amz-pay-date;x-amz-pay-host;x-amz-pay-region\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const std::string canonical = canonical_request(vector_request(), kVectorHeaders);
  EXPECT_EQ(canonical, expected);
  EXPECT_EQ(string_to_sign(SigningAlgorithm::RsaSsaPss, canonical),
            "AMZN-PAY-RSASSA-PSS\n"
            "bb49552975c396f1e49d5510e1555b8b0627dc491bc61aaefdb561f202ad8020");
}

TEST(SigningVectors, PostWithQuery) {
  HttpRequest req = vector_request();
  req.method = "POST";
  req.query = "foo=bar";
  const std::string canonical = canonical_request(req, kVectorHeaders);
  EXPECT_EQ(canonical.substr(0, 16), "POST\n/\nfoo=bar\na");
  EXPECT_EQ(string_to_sign(SigningAlgorithm::RsaSsaPss, canonical),
            "AMZN-PAY-RSASSA-PSS\n"
            "cc82525870b2d03666c287fd8b2c0d2fc6fa1693d9f357d27f7cac8cbcc12832");
}

TEST(SigningVectors, ButtonPayloadHash) {  // §2.6: the same hash primitive
  EXPECT_EQ(
      sha256_hex("{\"storeId\":\"amzn1.application-oa2-client.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\","
                 "\"webCheckoutDetails\":{\"checkoutReviewReturnUrl\":\"https://localhost/test/"
                 "CheckoutReview.php\",\"checkoutResultReturnUrl\":\"https://localhost/test/"
                 "CheckoutResult.php\"}}"),
      "8dec52d799607be40f82d5c8e7ecb6c171e6591c41b1111a576b16076c89381c");
}

// ---- primitives --------------------------------------------------------------------------

TEST(SigningPrimitives, AlgorithmNames) {
  EXPECT_EQ(name(SigningAlgorithm::RsaSsaPss), "AMZN-PAY-RSASSA-PSS");
  EXPECT_EQ(name(SigningAlgorithm::RsaSsaPssV2), "AMZN-PAY-RSASSA-PSS-V2");
  EXPECT_EQ(parse_signing_algorithm("AMZN-PAY-RSASSA-PSS"), SigningAlgorithm::RsaSsaPss);
  EXPECT_EQ(parse_signing_algorithm("AMZN-PAY-RSASSA-PSS-V2"), SigningAlgorithm::RsaSsaPssV2);
  EXPECT_FALSE(parse_signing_algorithm("AMZN-PAY-RSASSA-PSS-V3"));
  EXPECT_FALSE(parse_signing_algorithm("amzn-pay-rsassa-pss"));
  EXPECT_FALSE(parse_signing_algorithm(""));
  EXPECT_EQ(salt_length(SigningAlgorithm::RsaSsaPss), 20);
  EXPECT_EQ(salt_length(SigningAlgorithm::RsaSsaPssV2), 32);
}

TEST(SigningPrimitives, Sha256) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(SigningPrimitives, Base64) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\xff\xfe\x00", 3)), "//4A");
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  }
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  EXPECT_EQ(base64_decode(base64_encode(all)), all);
  EXPECT_FALSE(base64_decode("Zg="));       // bad length
  EXPECT_FALSE(base64_decode("Zg"));        // padding required
  EXPECT_FALSE(base64_decode("Z==="));      // too much padding
  EXPECT_FALSE(base64_decode("Zm9v\n"));    // no whitespace
  EXPECT_FALSE(base64_decode("Zm-v"));      // not the url-safe alphabet
  EXPECT_FALSE(base64_decode("Zg==Zm9v"));  // data after padding
}

TEST(SigningPrimitives, UriEncodeComponentLikeJavascript) {
  EXPECT_EQ(uri_encode_component("a b"), "a%20b");
  EXPECT_EQ(uri_encode_component("/"), "%2F");
  EXPECT_EQ(uri_encode_component("~"), "~");
  EXPECT_EQ(uri_encode_component("AZaz09-_.!~*'()"), "AZaz09-_.!~*'()");
  EXPECT_EQ(uri_encode_component("+&=?#%"), "%2B%26%3D%3F%23%25");
  EXPECT_EQ(uri_encode_component("日本"), "%E6%97%A5%E6%9C%AC");
  EXPECT_EQ(percent_decode("a%20b%2fc"), "a b/c");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
}

// ---- canonical query ---------------------------------------------------------------------

TEST(CanonicalQuery, SortsByNameThenValue) {
  EXPECT_EQ(canonical_query(""), "");
  EXPECT_EQ(canonical_query("b=2&a=1"), "a=1&b=2");
  EXPECT_EQ(canonical_query("a=2&b=0&a=1"), "a=1&a=2&b=0");
  EXPECT_EQ(canonical_query("merchantId=A1&&flag"), "flag=&merchantId=A1");
  EXPECT_EQ(canonical_query("Z=1&a=1"), "Z=1&a=1");  // byte order: upper case first
}

TEST(CanonicalQuery, EncodesLikeEncodeUriComponent) {
  EXPECT_EQ(canonical_query("q=a b"), "q=a%20b");
  EXPECT_EQ(canonical_query("path=/x/y"), "path=%2Fx%2Fy");
  EXPECT_EQ(canonical_query("t=~x"), "t=~x");
  EXPECT_EQ(canonical_query("name=日本"), "name=%E6%97%A5%E6%9C%AC");
  EXPECT_EQ(canonical_query("e=a=b"), "e=a%3Db");  // only the first '=' separates
}

TEST(CanonicalQuery, DoesNotDoubleEncode) {
  EXPECT_EQ(canonical_query("q=a%20b"), "q=a%20b");
  EXPECT_EQ(canonical_query("path=%2Fx%2Fy"), "path=%2Fx%2Fy");
  EXPECT_EQ(canonical_query("t=%7Ex"), "t=~x");
  EXPECT_EQ(canonical_query("name=%e6%97%a5%e6%9c%ac"), "name=%E6%97%A5%E6%9C%AC");
  EXPECT_EQ(canonical_query("p=a%2Bb"), "p=a%2Bb");
  EXPECT_EQ(canonical_query("p=a+b"), "p=a%2Bb");  // '+' is a literal plus, not a space
  EXPECT_EQ(canonical_query("p=100%"), "p=100%25");
}

TEST(CanonicalRequest, TrimsValuesLowerCasesNamesAndDefaultsPath) {
  HttpRequest req;
  req.method = "DELETE";
  req.path = "";
  req.headers = {{"X-Amz-Pay-Date", "  20240131T123456Z \t"}, {"Accept", "application/json"}};
  req.body = "{}";
  EXPECT_EQ(canonical_request(req, {"Accept", "X-Amz-Pay-Date"}),
            "DELETE\n/\n\naccept:application/json\nx-amz-pay-date:20240131T123456Z\n\n"
            "accept;x-amz-pay-date\n" +
                sha256_hex("{}"));
}

TEST(CanonicalRequest, PathIsUsedAsSent) {
  HttpRequest req = vector_request();
  req.path = "/v2/chargePermissions/S03-1234567-1234567/close/";
  EXPECT_EQ(canonical_request(req, kVectorHeaders).substr(0, 58),
            "GET\n/v2/chargePermissions/S03-1234567-1234567/close/\n\nacce");
}

// ---- authorization header ----------------------------------------------------------------

TEST(ParseAuthorization, NodeFormat) {
  auto auth = parse_authorization(
      "AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=SANDBOX-ABC, SignedHeaders=accept;content-type;"
      "x-amz-pay-date, Signature=c2lnbmF0dXJl+/==");
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->algorithm, SigningAlgorithm::RsaSsaPssV2);
  EXPECT_EQ(auth->public_key_id, "SANDBOX-ABC");
  EXPECT_EQ(auth->signed_headers,
            (std::vector<std::string>{"accept", "content-type", "x-amz-pay-date"}));
  EXPECT_EQ(auth->signature, "c2lnbmF0dXJl+/==");
  EXPECT_EQ(format_authorization(*auth),
            "AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=SANDBOX-ABC, SignedHeaders=accept;content-type;"
            "x-amz-pay-date, Signature=c2lnbmF0dXJl+/==");
}

TEST(ParseAuthorization, ToleratesSpacesOrderAndCapitalisation) {
  auto auth = parse_authorization(
      "  AMZN-PAY-RSASSA-PSS   signature = abc= ,SignedHeaders= Accept ; X-Amz-Pay-Date ,  "
      "publickeyid=K1  ");
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->algorithm, SigningAlgorithm::RsaSsaPss);
  EXPECT_EQ(auth->public_key_id, "K1");
  EXPECT_EQ(auth->signed_headers, (std::vector<std::string>{"accept", "x-amz-pay-date"}));
  EXPECT_EQ(auth->signed_headers_raw, "Accept ; X-Amz-Pay-Date");
  EXPECT_EQ(auth->signature, "abc=");
}

TEST(ParseAuthorization, RejectsMalformed) {
  const char* bad[] = {
      "",
      "AMZN-PAY-RSASSA-PSS",
      "AMZN-PAY-RSASSA-PSS ",
      "HMAC-SHA256 PublicKeyId=K, SignedHeaders=a, Signature=s",
      "amzn-pay-rsassa-pss PublicKeyId=K, SignedHeaders=a, Signature=s",
      "AMZN-PAY-RSASSA-PSS SignedHeaders=a, Signature=s",
      "AMZN-PAY-RSASSA-PSS PublicKeyId=K, Signature=s",
      "AMZN-PAY-RSASSA-PSS PublicKeyId=K, SignedHeaders=a",
      "AMZN-PAY-RSASSA-PSS PublicKeyId=, SignedHeaders=a, Signature=s",
      "AMZN-PAY-RSASSA-PSS PublicKeyId=K, SignedHeaders=a;;b, Signature=s",
      "AMZN-PAY-RSASSA-PSS PublicKeyId=K, SignedHeaders=a;, Signature=s",
      "AMZN-PAY-RSASSA-PSS PublicKeyId=K, PublicKeyId=L, SignedHeaders=a, Signature=s",
      "AMZN-PAY-RSASSA-PSS PublicKeyId=K, SignedHeaders=a, Signature=s, Extra=1",
      "AMZN-PAY-RSASSA-PSS PublicKeyId=K, SignedHeaders=a, Signature",
      "AMZN-PAY-RSASSA-PSS PublicKeyId=K,, SignedHeaders=a, Signature=s",
  };
  for (const char* value : bad) EXPECT_FALSE(parse_authorization(value)) << value;
}

// ---- keys, signing and verification ------------------------------------------------------

class SigningKeys : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto key = generate_rsa_key(2048);  // slow: once per suite
    ASSERT_TRUE(key) << key.error();
    key_ = new PrivateKey(std::move(*key));
    auto pub = PublicKey::from_pem(key_->public_pem());
    ASSERT_TRUE(pub) << pub.error();
    pub_ = new PublicKey(std::move(*pub));
  }
  static void TearDownTestSuite() {
    delete key_;
    delete pub_;
    key_ = nullptr;
    pub_ = nullptr;
  }

  static HttpRequest signed_request(SigningAlgorithm algorithm) {
    HttpRequest req;
    req.method = "POST";
    req.path = "/v2/checkoutSessions";
    req.headers = {{"x-amz-pay-idempotency-key", "b3a1c0de0000000000000000000000aa"},
                   {"User-Agent", "apc-shop/0.1"}};
    req.body = R"({"storeId":"amzn1.application-oa2-client.0123"})";
    SignerOptions opt;
    opt.public_key_id = "SANDBOX-AHSHOPTESTKEY0000000000001";
    opt.algorithm = algorithm;
    opt.host = "localhost:8443";
    sign_request(req, *key_, opt, at(2024, 1, 31, 12, 34, 56));
    return req;
  }

  static VerifyResult verify(const HttpRequest& req) {
    const std::string* header = req.header("authorization");
    if (header == nullptr) return VerifyResult{false, "", "", "no authorization header"};
    auto auth = parse_authorization(*header);
    if (!auth) return VerifyResult{false, "", "", "unparsable authorization header"};
    return verify_request(req, *auth, *pub_);
  }

  static PrivateKey* key_;
  static PublicKey* pub_;
};

PrivateKey* SigningKeys::key_ = nullptr;
PublicKey* SigningKeys::pub_ = nullptr;

TEST_F(SigningKeys, SignVerifyBothAlgorithms) {
  for (auto alg : {SigningAlgorithm::RsaSsaPss, SigningAlgorithm::RsaSsaPssV2}) {
    const std::string sts = string_to_sign(alg, "canonical");
    const std::string sig = key_->sign(alg, sts);
    ASSERT_FALSE(sig.empty());
    EXPECT_EQ(base64_decode(sig)->size(), 256u);  // 2048-bit modulus
    EXPECT_TRUE(pub_->verify(alg, sts, sig));
    EXPECT_TRUE(key_->public_key().verify(alg, sts, sig));
    EXPECT_FALSE(pub_->verify(alg, sts + "x", sig));
    EXPECT_FALSE(pub_->verify(alg, sts, "not base64!"));
    EXPECT_FALSE(pub_->verify(alg, sts, ""));
    EXPECT_NE(key_->sign(alg, sts), sig);  // PSS is randomised
  }
  // The salt length is part of the algorithm: a V1 signature is not a V2 signature.
  const std::string sig = key_->sign(SigningAlgorithm::RsaSsaPss, "x");
  EXPECT_FALSE(pub_->verify(SigningAlgorithm::RsaSsaPssV2, "x", sig));
  const std::string sig2 = key_->sign(SigningAlgorithm::RsaSsaPssV2, "x");
  EXPECT_FALSE(pub_->verify(SigningAlgorithm::RsaSsaPss, "x", sig2));
}

TEST_F(SigningKeys, SignRequestLikeTheNodeSdk) {
  HttpRequest req = signed_request(SigningAlgorithm::RsaSsaPssV2);
  EXPECT_EQ(*req.header("accept"), "application/json");
  EXPECT_EQ(*req.header("content-type"), "application/json");
  EXPECT_EQ(*req.header("x-amz-pay-date"), "2024-01-31T12:34:56Z");
  EXPECT_EQ(*req.header("x-amz-pay-host"), "localhost:8443");
  EXPECT_EQ(*req.header("x-amz-pay-region"), "jp");
  auto auth = parse_authorization(*req.header("authorization"));
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->algorithm, SigningAlgorithm::RsaSsaPssV2);
  EXPECT_EQ(auth->public_key_id, "SANDBOX-AHSHOPTESTKEY0000000000001");
  EXPECT_EQ(auth->signed_headers,
            (std::vector<std::string>{"accept", "content-type", "user-agent", "x-amz-pay-date",
                                      "x-amz-pay-host", "x-amz-pay-idempotency-key",
                                      "x-amz-pay-region"}));
  EXPECT_TRUE(
      req.header("authorization")
          ->starts_with("AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=SANDBOX-AHSHOPTESTKEY0000000000001"
                        ", SignedHeaders=accept;content-type;user-agent;x-amz-pay-date;"
                        "x-amz-pay-host;x-amz-pay-idempotency-key;x-amz-pay-region, "
                        "Signature="));
  VerifyResult v = verify(req);
  EXPECT_TRUE(v.ok) << v.error;
  EXPECT_TRUE(v.error.empty());
  EXPECT_TRUE(v.string_to_sign.starts_with("AMZN-PAY-RSASSA-PSS-V2\n"));
  EXPECT_EQ(v.string_to_sign, string_to_sign(SigningAlgorithm::RsaSsaPssV2, v.canonical_request));
}

TEST_F(SigningKeys, ResigningReplacesHeadersAndAuthorization) {
  HttpRequest req = signed_request(SigningAlgorithm::RsaSsaPss);
  req.headers.emplace_back("X-Amz-Pay-Region", "stale");  // would be a duplicate
  SignerOptions opt;
  opt.public_key_id = "K2";
  opt.algorithm = SigningAlgorithm::RsaSsaPss;
  opt.host = "pay-api.amazon.jp";
  sign_request(req, *key_, opt, at(2024, 2, 1, 0, 0, 0));
  int authorizations = 0;
  for (const auto& [n, v] : req.headers) authorizations += iequals(n, "authorization");
  EXPECT_EQ(authorizations, 1);
  EXPECT_EQ(*req.header("x-amz-pay-date"), "2024-02-01T00:00:00Z");
  EXPECT_EQ(*req.header("x-amz-pay-host"), "pay-api.amazon.jp");
  EXPECT_EQ(*req.header("x-amz-pay-region"), "jp");
  EXPECT_TRUE(verify(req).ok);
}

TEST_F(SigningKeys, RoundTripBothAlgorithmsAndMethods) {
  for (auto alg : {SigningAlgorithm::RsaSsaPss, SigningAlgorithm::RsaSsaPssV2}) {
    for (const char* method : {"GET", "POST", "PATCH", "DELETE"}) {
      HttpRequest req;
      req.method = method;
      req.path = "/v2/charges/S03-0000000-0000000-C000001";
      req.query = "b=2&a=%E6%97%A5";
      if (std::string(method) != "GET") req.body = R"({"closureReason":"x"})";
      SignerOptions opt{"SANDBOX-K", alg, "jp", "pay-api.amazon.jp"};
      sign_request(req, *key_, opt, at(2024, 1, 31, 0, 0, 0));
      VerifyResult v = verify(req);
      EXPECT_TRUE(v.ok) << method << " " << v.error;
    }
  }
}

TEST_F(SigningKeys, TamperingIsDetected) {
  const HttpRequest good = signed_request(SigningAlgorithm::RsaSsaPssV2);
  ASSERT_TRUE(verify(good).ok);

  HttpRequest body = good;
  body.body += " ";
  EXPECT_FALSE(verify(body).ok);

  HttpRequest header = good;
  set_header(header.headers, "x-amz-pay-date", "2024-01-31T12:34:57Z");
  VerifyResult v = verify(header);
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.error, "");
  EXPECT_NE(v.canonical_request.find("x-amz-pay-date:2024-01-31T12:34:57Z\n"), std::string::npos);

  HttpRequest path = good;
  path.path += "/";
  EXPECT_FALSE(verify(path).ok);

  HttpRequest query = good;
  query.query = "a=1";
  EXPECT_FALSE(verify(query).ok);

  HttpRequest method = good;
  method.method = "PUT";
  EXPECT_FALSE(verify(method).ok);

  HttpRequest signature = good;
  std::string auth = *signature.header("authorization");
  auth.replace(auth.size() - 6, 1, auth[auth.size() - 6] == 'A' ? "B" : "A");
  set_header(signature.headers, "authorization", auth);
  EXPECT_FALSE(verify(signature).ok);

  // An unsigned extra header does not matter (PHP/Java send some unsigned).
  HttpRequest extra = good;
  extra.headers.emplace_back("x-amz-pay-simulation-code", "HardDeclined");
  EXPECT_TRUE(verify(extra).ok);
}

TEST_F(SigningKeys, EquivalentFormsStillVerify) {
  const HttpRequest good = signed_request(SigningAlgorithm::RsaSsaPss);
  // Header names arrive in another capitalisation (HTTP/1.1 proxies, httplib...).
  HttpRequest renamed = good;
  for (auto& [n, v] : renamed.headers) {
    if (n == "x-amz-pay-date") n = "X-Amz-Pay-Date";
  }
  EXPECT_TRUE(verify(renamed).ok);
  // Surrounding spaces on a value are not signed.
  HttpRequest padded = good;
  set_header(padded.headers, "x-amz-pay-host", "  localhost:8443 ");
  EXPECT_TRUE(verify(padded).ok);
  // A query in another (equivalent) encoding and order.
  HttpRequest q = good;
  q.query = "b=%7E&a=x%20y";
  SignerOptions opt{"K", SigningAlgorithm::RsaSsaPss, "jp", "localhost:8443"};
  sign_request(q, *key_, opt, at(2024, 1, 31, 0, 0, 0));
  q.query = "a=x%20y&b=~";
  EXPECT_TRUE(verify(q).ok);
}

TEST_F(SigningKeys, SignedHeadersCapitalisation) {
  HttpRequest req;
  req.method = "POST";
  req.path = "/v2/refunds";
  req.headers = {{"accept", "application/json"},      {"content-type", "application/json"},
                 {"X-Amz-Pay-Idempotency-Key", "k1"}, {"x-amz-pay-date", "2024-01-31T12:34:56Z"},
                 {"x-amz-pay-host", "localhost"},     {"x-amz-pay-region", "jp"}};
  req.body = "{}";
  const std::vector<std::string> names = {"accept",
                                          "content-type",
                                          "x-amz-pay-date",
                                          "x-amz-pay-host",
                                          "X-Amz-Pay-Idempotency-Key",
                                          "x-amz-pay-region"};
  const std::string raw_list =
      "accept;content-type;x-amz-pay-date;x-amz-pay-host;X-Amz-Pay-Idempotency-Key;"
      "x-amz-pay-region";
  const auto alg = SigningAlgorithm::RsaSsaPss;

  // (a) A client that lower-cases the SignedHeaders line in its canonical request (§2.2) but
  //     sends the list capitalised.
  std::string sig = key_->sign(alg, string_to_sign(alg, canonical_request(req, names)));
  auto auth = parse_authorization("AMZN-PAY-RSASSA-PSS PublicKeyId=K, SignedHeaders=" + raw_list +
                                  ", Signature=" + sig);
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->signed_headers[4], "x-amz-pay-idempotency-key");
  VerifyResult a = verify_request(req, *auth, *pub_);
  EXPECT_TRUE(a.ok) << a.error;
  EXPECT_NE(a.canonical_request.find("\nx-amz-pay-idempotency-key:k1\n"), std::string::npos);

  // (b) The Node SDK: header lines lower-cased, SignedHeaders line as the caller spelled it.
  std::string node_canonical = canonical_request(req, names);
  node_canonical.replace(node_canonical.find("x-amz-pay-host;x-amz-pay-idempotency-key"),
                         std::string("x-amz-pay-host;x-amz-pay-idempotency-key").size(),
                         "x-amz-pay-host;X-Amz-Pay-Idempotency-Key");
  sig = key_->sign(alg, string_to_sign(alg, node_canonical));
  auth->signature = sig;
  VerifyResult b = verify_request(req, *auth, *pub_);
  EXPECT_TRUE(b.ok) << b.error;
  EXPECT_EQ(b.canonical_request, node_canonical);
}

TEST_F(SigningKeys, SignedHeaderMissingFromRequest) {
  HttpRequest req = signed_request(SigningAlgorithm::RsaSsaPssV2);
  auto auth = parse_authorization(*req.header("authorization"));
  ASSERT_TRUE(auth);
  std::erase_if(req.headers, [](const auto& h) { return h.first == "x-amz-pay-idempotency-key"; });
  VerifyResult v = verify_request(req, *auth, *pub_);
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.error.find("'x-amz-pay-idempotency-key'"), std::string::npos) << v.error;
  EXPECT_NE(v.error.find("missing"), std::string::npos) << v.error;
}

TEST_F(SigningKeys, WrongKeyFails) {
  HttpRequest req = signed_request(SigningAlgorithm::RsaSsaPssV2);
  auto auth = parse_authorization(*req.header("authorization"));
  auto other = PublicKey::from_pem_file((key_dir() / "shop-sandbox.public.pem").string());
  ASSERT_TRUE(other) << other.error();
  EXPECT_FALSE(verify_request(req, *auth, *other).ok);
}

TEST_F(SigningKeys, PemRoundTripAndSharedUseAcrossThreads) {
  auto again = PrivateKey::from_pem(key_->private_pem());
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(again->public_pem(), key_->public_pem());
  EXPECT_EQ(key_->bits(), 2048);
  EXPECT_EQ(pub_->bits(), 2048);
  EXPECT_EQ(pub_->pem(), key_->public_pem());

  const std::string sts = string_to_sign(SigningAlgorithm::RsaSsaPssV2, "threads");
  const std::string sig = key_->sign(SigningAlgorithm::RsaSsaPssV2, sts);
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  PublicKey shared = *pub_;  // copies share the parsed key
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) good += shared.verify(SigningAlgorithm::RsaSsaPssV2, sts, sig);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), 200);
}

// ---- committed test key pair and PEM parsing ---------------------------------------------

TEST(SigningPem, CommittedSandboxKeyPairMatches) {
  auto priv = PrivateKey::from_pem_file((key_dir() / "shop-sandbox.private.pem").string());
  ASSERT_TRUE(priv) << priv.error();
  auto pub = PublicKey::from_pem_file((key_dir() / "shop-sandbox.public.pem").string());
  ASSERT_TRUE(pub) << pub.error();
  EXPECT_EQ(priv->bits(), 2048);
  EXPECT_EQ(priv->public_pem(), slurp(key_dir() / "shop-sandbox.public.pem"));
  for (auto alg : {SigningAlgorithm::RsaSsaPss, SigningAlgorithm::RsaSsaPssV2}) {
    EXPECT_TRUE(pub->verify(alg, "hello", priv->sign(alg, "hello")));
  }
}

TEST(SigningPem, AcceptsPkcs1PublicKeys) {
  const char* pkcs1 =
      "-----BEGIN RSA PUBLIC KEY-----\n"
      "MIIBCgKCAQEAmQU6XSKwdM4kmv485GpyFKM7kFkVjWDqNchDYx2/PAga7QxLOBat\n"
      "Tmmr6KWbdBAS8nxbD8LfpwyZHfmF6J72aXWu73Kev+zBkZnbK1h93bXcQ/F75Hl8\n"
      "4IkKfI0lNetCA3/3rvq7sCj9uLtFJRFMcHFMp2dZXO3ccTTeH860SN/RfDludp82\n"
      "b/vzyss41Y8x6yIFNHPjdNSeP33BBd6unWdu21LvQKsxHF0MTxDGrTd/6alFjbd4\n"
      "DOOLsN53+h3brmhvP0sjuEuVEgaMLYFJmPmU3c9RrXZuA6XrMsLdUXP4vkhC1dWv\n"
      "g6N7+3OSsxgO1aWNtpcOKELooY49R6evzQIDAQAB\n"
      "-----END RSA PUBLIC KEY-----\n";
  auto pub = PublicKey::from_pem(pkcs1);
  ASSERT_TRUE(pub) << pub.error();
  EXPECT_EQ(pub->bits(), 2048);
  EXPECT_TRUE(pub->pem().starts_with("-----BEGIN PUBLIC KEY-----\n"));
}

TEST(SigningPem, RejectsGarbage) {
  EXPECT_FALSE(PublicKey::from_pem(""));
  EXPECT_FALSE(PublicKey::from_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
  EXPECT_FALSE(PrivateKey::from_pem("not a key"));
  // A public key is not a private key.
  EXPECT_FALSE(PrivateKey::from_pem(slurp(key_dir() / "shop-sandbox.public.pem")));
  auto missing = PrivateKey::from_pem_file("/nonexistent/key.pem");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("/nonexistent/key.pem"), std::string::npos);
  EXPECT_FALSE(generate_rsa_key(512));
}

}  // namespace
}  // namespace core
