// The official Amazon Pay Node SDK (@amazonpay/amazon-pay-api-sdk-nodejs 2.3.4), unmodified,
// against amazon-pay-mock over HTTPS. The SDK is configured exactly as a merchant would
// configure it for the JP sandbox; the only difference is `overrideServiceUrl`, the SDK's own
// switch for pointing it at another host. The mock's control API (/__mock/...) plays the
// buyer's part on Amazon's hosted pages and moves the simulated clock.
//
// Run:  node sdk_test.mjs --mock PATH/amazon-pay-mock [--private-key PEM] [--public-key PEM]
//                         [--key-id SANDBOX-...]
// or set AMAZON_PAY_MOCK, AMAZON_PAY_PRIVATE_KEY, AMAZON_PAY_PUBLIC_KEY, AMAZON_PAY_PUBLIC_KEY_ID.
// The key files default to mock_amazon/testdata/keys/ when this file runs from the source tree.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import amazonPay from '@amazonpay/amazon-pay-api-sdk-nodejs';

const { WebStoreClient } = amazonPay;

// ------------------------------------------------------------------ configuration

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    mock: { type: 'string' },
    'private-key': { type: 'string' },
    'public-key': { type: 'string' },
    'key-id': { type: 'string' },
  },
  strict: false,
});
const sourceKeys = path.resolve(here, '../../testdata/keys');
const MOCK_BIN = args.mock ?? process.env.AMAZON_PAY_MOCK;
const PRIVATE_KEY_FILE = args['private-key'] ?? process.env.AMAZON_PAY_PRIVATE_KEY ??
  path.join(sourceKeys, 'shop-sandbox.private.pem');
const PUBLIC_KEY_FILE = args['public-key'] ?? process.env.AMAZON_PAY_PUBLIC_KEY ??
  path.join(sourceKeys, 'shop-sandbox.public.pem');
// The committed throwaway key's id (mock_amazon/testdata/keys/README.md). It starts with
// SANDBOX-, so the SDK uses the /v2/... path form.
const KEY_ID = args['key-id'] ?? process.env.AMAZON_PAY_PUBLIC_KEY_ID ??
  'SANDBOX-AHSHOPTESTKEY0000000000001';
// The same public key registered a second time under an old-style id (no SANDBOX-/LIVE-
// prefix): with it the SDK uses the /sandbox/v2/... path form.
const LEGACY_KEY_ID = 'AHSHOPTESTKEYLEGACYPATH0001';

if (!MOCK_BIN) {
  console.error('sdk_test: give the amazon-pay-mock binary with --mock PATH or AMAZON_PAY_MOCK');
  process.exit(2);
}
for (const f of [MOCK_BIN, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE]) {
  if (!fs.existsSync(f)) {
    console.error(`sdk_test: ${f} does not exist`);
    process.exit(2);
  }
}
const PRIVATE_KEY = fs.readFileSync(PRIVATE_KEY_FILE);

const PSS = 'AMZN-PAY-RSASSA-PSS';
const PSS_V2 = 'AMZN-PAY-RSASSA-PSS-V2';
const STORE_ID = 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef';
const REVIEW_URL = 'https://shop.example.jp/amazon/review';
const RESULT_URL = 'https://shop.example.jp/amazon/result';

// ------------------------------------------------------------------ the mock process

let mock;        // ChildProcess
let port;        // number
let mockOutput = '';

function startMock() {
  return new Promise((resolve, reject) => {
    // The mock runs under a small sh "lifeline": sh waits for the mock, and a background
    // `cat` waits for EOF on the pipe from this process; when that pipe closes (stopMock, or
    // this process dying in any way, even SIGKILL) the mock gets SIGTERM. So no mock is ever
    // left behind.
    // (Background jobs of a non-interactive sh read /dev/null, hence the explicit fd 3.)
    const lifeline = 'exec 3<&0; "$@" </dev/null & pid=$!; ' +
      '(cat <&3 >/dev/null; kill "$pid" 2>/dev/null) & exec 3<&-; wait "$pid"';
    const child = spawn('/bin/sh', ['-c', lifeline, 'amazon-pay-mock-lifeline', MOCK_BIN,
      '--port', '0',
      '--tls-self-signed',
      '--public-key', `${KEY_ID}=${PUBLIC_KEY_FILE}`,
      '--public-key', `${LEGACY_KEY_ID}=${PUBLIC_KEY_FILE}`,
    ], { stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.stdin.end();
      reject(new Error(`amazon-pay-mock did not print its port within 15 s:\n${mockOutput}`));
    }, 15000);
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => { mockOutput += d; });
    child.stdout.on('data', (d) => {
      mockOutput += d;
      buffered += d;
      const m = /^port (\d+)$/m.exec(buffered);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`amazon-pay-mock exited (${code ?? signal}) before printing its port:\n${mockOutput}`));
    });
  });
}

function stopMock() {
  if (!mock || mock.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 5000);
    mock.once('exit', () => { clearTimeout(timer); resolve(); });
    mock.stdin.end();  // the lifeline sends the mock SIGTERM
  });
}

// A plain HTTPS JSON request to the control API (unsigned; the mock's certificate is
// self-signed).
function control(method, urlPath, body) {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1',
      port,
      method,
      path: urlPath,
      rejectUnauthorized: false,
      headers: data === undefined ? {} : {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(data),
      },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        let json;
        try { json = text ? JSON.parse(text) : null; } catch { json = text; }
        if (res.statusCode >= 400) {
          reject(new Error(`control ${method} ${urlPath} -> ${res.statusCode} ${text}`));
        } else {
          resolve(json);
        }
      });
    });
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

// The current wall-clock time as the mock's UTC timestamp form (no milliseconds).
const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const resetMock = (now = nowIso()) => control('POST', '/__mock/reset', { now });
const advance = (by) => control('POST', '/__mock/clock/advance', { by });

// ------------------------------------------------------------------ SDK helpers

// The configuration a JP sandbox merchant uses, plus overrideServiceUrl. Nothing else.
function client({ algorithm = PSS, publicKeyId = KEY_ID, privateKey = PRIVATE_KEY } = {}) {
  return new WebStoreClient({
    publicKeyId,
    privateKey,
    region: 'jp',
    sandbox: true,
    algorithm,
    overrideServiceUrl: `127.0.0.1:${port}`,
  });
}

const idem = () => crypto.randomUUID().replace(/-/g, '');
const yen = (amount) => ({ amount: String(amount), currencyCode: 'JPY' });
const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');

// Awaits an SDK promise that must fail; checks Amazon's HTTP status and reasonCode in the
// error's response body and returns the axios response.
async function rejectsWith(promise, status, reasonCode) {
  let response;
  try {
    const ok = await promise;
    assert.fail(`expected ${status} ${reasonCode}, got ${ok.status} ${JSON.stringify(ok.data)}`);
  } catch (err) {
    if (err instanceof assert.AssertionError) throw err;
    assert.ok(err.response, `expected an HTTP error response, got ${err}`);
    response = err.response;
  }
  assert.equal(response.status, status, JSON.stringify(response.data));
  assert.equal(response.data.reasonCode, reasonCode, JSON.stringify(response.data));
  assert.equal(typeof response.data.message, 'string');
  return response;
}

// Create → sign-in (taro/home/card-1111) → update → payment page → complete.
async function checkout(api, {
  amount = 5980,
  type = 'OneTime',
  intent = 'Authorize',
  allowOvercharge = true,
  recurring = undefined,
} = {}) {
  const created = await api.createCheckoutSession({
    webCheckoutDetails: { checkoutReviewReturnUrl: REVIEW_URL },
    storeId: STORE_ID,
    chargePermissionType: type,
    ...(recurring ? { recurringMetadata: recurring } : {}),
    paymentDetails: { presentmentCurrency: 'JPY', allowOvercharge },
    merchantMetadata: { merchantReferenceId: 'ORDER-1001', merchantStoreName: 'Example Shop' },
  }, { 'x-amz-pay-idempotency-key': idem() });
  assert.equal(created.status, 201);
  const id = created.data.checkoutSessionId;
  await control('POST', `/__mock/checkout-sessions/${id}/sign-in`,
    { buyer: 'taro', address: 'home', paymentMethod: 'card-1111' });
  const updated = await api.updateCheckoutSession(id, {
    webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL },
    paymentDetails: { paymentIntent: intent, chargeAmount: yen(amount) },
  });
  assert.deepEqual(updated.data.constraints, []);
  await control('POST', `/__mock/checkout-sessions/${id}/payment-page`);
  const done = await api.completeCheckoutSession(id, { chargeAmount: yen(amount) });
  assert.equal(done.status, 200, JSON.stringify(done.data));
  assert.equal(done.data.statusDetails.state, 'Completed');
  return { checkoutSessionId: id, chargePermissionId: done.data.chargePermissionId, chargeId: done.data.chargeId };
}

// An SDK call that fails unexpectedly rejects with an AxiosError whose message is only
// "Request failed with status code N"; name the request and Amazon's error body instead.
function explain(err) {
  if (err && err.isAxiosError) {
    const req = err.config ? `${String(err.config.method).toUpperCase()} ${err.config.url}` : 'request';
    const res = err.response ? `${err.response.status} ${JSON.stringify(err.response.data)}` : err.code;
    const e = new Error(`SDK call failed: ${req} -> ${res}`);
    e.stack = `${e.message}\n${err.stack}`;
    return e;
  }
  return err;
}

// test() whose failures from the SDK are explained.
function sdkTest(name, fn) {
  return test(name, async (t) => {
    try {
      await fn(t);
    } catch (err) {
      throw explain(err);
    }
  });
}

// ------------------------------------------------------------------ tests

before(async () => {
  ({ child: mock, port } = await startMock());
  mock.removeAllListeners('exit');
  mock.on('exit', (code, signal) => {
    if (code !== 0 && code !== 143 && signal !== 'SIGTERM') console.error(`amazon-pay-mock exited (${code ?? signal}):\n${mockOutput}`);
  });
});

after(stopMock);

beforeEach(() => resetMock());

// a) + c): the whole one-time life cycle, once per signature algorithm and URL layout.
for (const variant of [
  { algorithm: PSS, publicKeyId: KEY_ID, layout: '/v2/...' },
  { algorithm: PSS_V2, publicKeyId: LEGACY_KEY_ID, layout: '/sandbox/v2/...' },
]) {
  sdkTest(`OneTime checkout, charge, capture, refund, close (${variant.algorithm}, ${variant.layout})`, async () => {
    const api = client(variant);
    const signed = api.getSignedHeaders({ method: 'GET', urlFragment: 'charges/x' });
    assert.ok(signed.authorization.startsWith(`${variant.algorithm} PublicKeyId=${variant.publicKeyId}, `),
      signed.authorization);

    // Create Checkout Session.
    const created = await api.createCheckoutSession({
      webCheckoutDetails: { checkoutReviewReturnUrl: REVIEW_URL },
      storeId: STORE_ID,
      scopes: ['name', 'email', 'phoneNumber', 'billingAddress'],
      chargePermissionType: 'OneTime',
      paymentDetails: { presentmentCurrency: 'JPY', allowOvercharge: true },
      merchantMetadata: { merchantReferenceId: 'ORDER-1001', merchantStoreName: 'Example Shop' },
    }, { 'x-amz-pay-idempotency-key': idem() });
    assert.equal(created.status, 201);
    assert.match(created.headers['x-amz-pay-request-id'], /\S/);
    const cs = created.data;
    const id = cs.checkoutSessionId;
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(cs.statusDetails.state, 'Open');
    assert.equal(cs.storeId, STORE_ID);
    assert.equal(cs.chargePermissionType, 'OneTime');
    assert.equal(cs.releaseEnvironment, 'Sandbox');
    assert.equal(cs.buyer, null);
    assert.equal(cs.webCheckoutDetails.amazonPayRedirectUrl, null);
    assert.deepEqual(cs.constraints.map((c) => c.constraintId),
      ['BuyerNotAssociated', 'ChargeAmountNotSet', 'CheckoutResultReturnUrlNotSet', 'PaymentIntentNotSet']);

    // The buyer signs in on Amazon's page and is sent back to the review URL.
    const signIn = await control('POST', `/__mock/checkout-sessions/${id}/sign-in`,
      { buyer: 'taro', address: 'home', paymentMethod: 'card-1111' });
    assert.ok(signIn.redirectUrl.startsWith(REVIEW_URL), signIn.redirectUrl);
    assert.ok(signIn.redirectUrl.includes(`amazonCheckoutSessionId=${id}`), signIn.redirectUrl);

    // Get Checkout Session: buyer, shipping address, payment preferences.
    const got = await api.getCheckoutSession(id);
    assert.equal(got.status, 200);
    assert.equal(got.data.buyer.name, '山田太郎');
    assert.equal(got.data.buyer.email, 'taro@example.jp');
    assert.match(got.data.buyer.buyerId, /^amzn1\.account\./);
    assert.deepEqual(got.data.shippingAddress, {
      name: '山田太郎', addressLine1: '渋谷区渋谷1-2-3', addressLine2: 'サンプルビル101',
      addressLine3: null, city: null, county: null, district: null, stateOrRegion: '東京都',
      postalCode: '150-0002', countryCode: 'JP', phoneNumber: '0312345678',
    });
    assert.deepEqual(got.data.paymentPreferences, [{ paymentDescriptor: 'Visa ****1111 (Amazon Pay)' }]);
    assert.deepEqual(got.data.constraints.map((c) => c.constraintId),
      ['ChargeAmountNotSet', 'CheckoutResultReturnUrlNotSet', 'PaymentIntentNotSet']);

    // Update Checkout Session: amount, intent, result URL → redirect URL appears.
    const updated = await api.updateCheckoutSession(id, {
      webCheckoutDetails: { checkoutResultReturnUrl: RESULT_URL },
      paymentDetails: { paymentIntent: 'Authorize', chargeAmount: yen(5980) },
    });
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.data.constraints, []);
    assert.equal(updated.data.paymentDetails.paymentIntent, 'Authorize');
    assert.deepEqual(updated.data.paymentDetails.chargeAmount, yen(5980));
    assert.equal(updated.data.paymentDetails.allowOvercharge, true);
    assert.equal(updated.data.webCheckoutDetails.checkoutResultReturnUrl, RESULT_URL);
    assert.ok(updated.data.webCheckoutDetails.amazonPayRedirectUrl.includes(id));

    // The buyer passes the payment page and is sent to the result URL.
    const page = await control('POST', `/__mock/checkout-sessions/${id}/payment-page`);
    assert.ok(page.redirectUrl.startsWith(RESULT_URL), page.redirectUrl);
    assert.ok(page.redirectUrl.includes(`amazonCheckoutSessionId=${id}`), page.redirectUrl);

    // Complete Checkout Session.
    const done = await api.completeCheckoutSession(id, { chargeAmount: yen(5980) });
    assert.equal(done.status, 200);
    assert.equal(done.data.statusDetails.state, 'Completed');
    const cpId = done.data.chargePermissionId;
    const chargeId = done.data.chargeId;
    assert.match(cpId, /^S03-\d{7}-\d{7}$/);
    assert.match(chargeId, new RegExp(`^${cpId}-C\\d{6}$`));

    // Get Charge Permission: chargeable; allowOvercharge lifts the limit to max(9×, ¥70,000).
    let cp = (await api.getChargePermission(cpId)).data;
    assert.equal(cp.chargePermissionType, 'OneTime');
    assert.equal(cp.statusDetails.state, 'Chargeable');
    assert.equal(cp.statusDetails.reasons, null);
    assert.deepEqual(cp.limits, { amountLimit: yen(70000), amountBalance: yen(70000) });
    assert.equal(cp.buyer.name, '山田太郎');
    assert.equal(cp.presentmentCurrency, 'JPY');
    assert.equal(cp.merchantMetadata.merchantReferenceId, 'ORDER-1001');

    const charge = (await api.getCharge(chargeId)).data;
    assert.equal(charge.statusDetails.state, 'Authorized');
    assert.deepEqual(charge.chargeAmount, yen(5980));

    // Capture the checkout's charge.
    const captured = await api.captureCharge(chargeId,
      { captureAmount: yen(5980), softDescriptor: 'EXAMPLESHOP' },
      { 'x-amz-pay-idempotency-key': idem() });
    assert.equal(captured.status, 200);
    assert.equal(captured.data.statusDetails.state, 'Captured');
    assert.deepEqual(captured.data.captureAmount, yen(5980));

    // An additional charge on the same permission (fits thanks to allowOvercharge).
    const extra = await api.createCharge({
      chargePermissionId: cpId,
      chargeAmount: yen(2000),
      captureNow: false,
      canHandlePendingAuthorization: false,
      merchantMetadata: { merchantReferenceId: 'ORDER-1001-2' },
    }, { 'x-amz-pay-idempotency-key': idem() });
    assert.equal(extra.status, 201);
    assert.equal(extra.data.statusDetails.state, 'Authorized');
    assert.equal(extra.data.chargePermissionId, cpId);
    assert.match(extra.data.chargeId, new RegExp(`^${cpId}-C\\d{6}$`));
    assert.notEqual(extra.data.chargeId, chargeId);
    const extraCaptured = await api.captureCharge(extra.data.chargeId, { captureAmount: yen(2000) },
      { 'x-amz-pay-idempotency-key': idem() });
    assert.equal(extraCaptured.data.statusDetails.state, 'Captured');

    cp = (await api.getChargePermission(cpId)).data;
    assert.deepEqual(cp.limits.amountBalance, yen(70000 - 5980 - 2000));

    // Refund part of the first charge: asynchronous, settles after 30 s of simulated time.
    const refund = await api.createRefund({ chargeId, refundAmount: yen(1000), softDescriptor: 'EXAMPLESHOP' },
      { 'x-amz-pay-idempotency-key': idem() });
    assert.equal(refund.status, 201);
    const refundId = refund.data.refundId;
    assert.match(refundId, new RegExp(`^${cpId}-R\\d{6}$`));
    assert.equal(refund.data.statusDetails.state, 'RefundInitiated');
    assert.equal((await api.getRefund(refundId)).data.statusDetails.state, 'RefundInitiated');
    const moved = await advance('30s');
    assert.ok(moved.changes.some((c) => c.id === refundId && c.to === 'Refunded'), JSON.stringify(moved));
    const settled = (await api.getRefund(refundId)).data;
    assert.equal(settled.statusDetails.state, 'Refunded');
    assert.deepEqual(settled.refundAmount, yen(1000));
    assert.deepEqual((await api.getCharge(chargeId)).data.refundedAmount, yen(1000));

    // Update Charge Permission (merchant metadata) while it is open.
    const patched = await api.updateChargePermission(cpId,
      { merchantMetadata: { customInformation: 'shipped in two parcels' } });
    assert.equal(patched.data.merchantMetadata.customInformation, 'shipped in two parcels');

    // Close Charge Permission: DELETE with a JSON body.
    const closed = await api.closeChargePermission(cpId,
      { closureReason: 'No more charges required', cancelPendingCharges: false });
    assert.equal(closed.status, 200);
    assert.equal(closed.data.statusDetails.state, 'Closed');
    assert.deepEqual(closed.data.statusDetails.reasons.map((r) => r.reasonCode), ['MerchantClosed']);
    cp = (await api.getChargePermission(cpId)).data;
    assert.equal(cp.statusDetails.state, 'Closed');
    assert.equal(cp.statusDetails.reasons[0].reasonCode, 'MerchantClosed');
    // Closing twice is not allowed.
    await rejectsWith(api.closeChargePermission(cpId, { closureReason: 'again' }),
      422, 'InvalidChargePermissionStatus');
  });
}

// b) Recurring: monthly cap per JST calendar month, and the 13-month expiry rolling forward.
sdkTest('Recurring charges across a JST month boundary extend the expiry (AMZN-PAY-RSASSA-PSS-V2)', async () => {
  // A fixed simulated start (12:00 JST) makes every timestamp exact; the SDK still signs with
  // the real time, which the mock accepts against its wall clock.
  await resetMock('2026-11-20T03:00:00Z');
  const api = client({ algorithm: PSS_V2 });
  const { chargePermissionId: cpId, chargeId } = await checkout(api, {
    amount: 980,
    type: 'Recurring',
    intent: 'Confirm',
    allowOvercharge: false,
    recurring: { frequency: { unit: 'Month', value: '1' }, amount: yen(980) },
  });
  assert.match(cpId, /^C03-\d{7}-\d{7}$/);
  assert.equal(chargeId, null);  // Confirm: no charge at checkout

  let cp = (await api.getChargePermission(cpId)).data;
  assert.equal(cp.chargePermissionType, 'Recurring');
  assert.equal(cp.statusDetails.state, 'Chargeable');
  assert.deepEqual(cp.recurringMetadata.frequency, { unit: 'Month', value: '1' });
  assert.deepEqual(cp.limits.amountLimit, yen(100000));
  assert.equal(cp.creationTimestamp, '20261120T030000Z');
  assert.equal(cp.expirationTimestamp, '20271220T030000Z');

  // First merchant-initiated charge, captured at once.
  const first = await api.createCharge({
    chargePermissionId: cpId,
    chargeAmount: yen(60000),
    captureNow: true,
    softDescriptor: 'EXAMPLESUB',
    chargeInitiator: 'MITR',
    merchantMetadata: { merchantReferenceId: 'SUB-42-2026-11' },
  }, { 'x-amz-pay-idempotency-key': idem() });
  assert.equal(first.status, 201);
  assert.equal(first.data.statusDetails.state, 'Captured');
  assert.deepEqual(first.data.captureAmount, yen(60000));
  assert.equal(first.data.creationTimestamp, '20261120T030000Z');
  cp = (await api.getChargePermission(cpId)).data;
  assert.equal(cp.expirationTimestamp, '20271220T030000Z');
  assert.deepEqual(cp.limits.amountBalance, yen(40000));

  // Same JST month: ¥60,000 + ¥50,000 is over the ¥100,000 monthly cap.
  await rejectsWith(api.createCharge({ chargePermissionId: cpId, chargeAmount: yen(50000), captureNow: true },
    { 'x-amz-pay-idempotency-key': idem() }), 400, 'PeriodicAmountExceeded');

  // 31 days later it is December in Japan: the cap has reset.
  const moved = await advance('31d');
  assert.equal(moved.now, '2026-12-21T03:00:00Z');
  const second = await api.createCharge({
    chargePermissionId: cpId,
    chargeAmount: yen(50000),
    captureNow: true,
    chargeInitiator: 'MITR',
    merchantMetadata: { merchantReferenceId: 'SUB-42-2026-12' },
  }, { 'x-amz-pay-idempotency-key': idem() });
  assert.equal(second.status, 201);
  assert.equal(second.data.statusDetails.state, 'Captured');
  assert.equal(second.data.creationTimestamp, '20261221T030000Z');

  // The permission's expiry is now 13 months after the second charge.
  cp = (await api.getChargePermission(cpId)).data;
  assert.equal(cp.statusDetails.state, 'Chargeable');
  assert.equal(cp.expirationTimestamp, '20280121T030000Z');
  assert.deepEqual(cp.limits.amountBalance, yen(50000));
});

describe('negative cases', () => {
  sdkTest('a wrong private key under the registered id → 403 InvalidRequestSignature, logged', async () => {
    const { privateKey } = crypto.generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    for (const algorithm of [PSS, PSS_V2]) {
      await resetMock();
      const api = client({ algorithm, privateKey });
      const payload = { webCheckoutDetails: { checkoutReviewReturnUrl: REVIEW_URL }, storeId: STORE_ID };
      const key = idem();
      const res = await rejectsWith(api.createCheckoutSession(payload, { 'x-amz-pay-idempotency-key': key }),
        403, 'InvalidRequestSignature');
      assert.ok(res.data.message.startsWith(`Unable to verify signature, signing String [${algorithm}`),
        res.data.message);

      const log = await control('GET', '/__mock/signature-log');
      assert.equal(log.failures.length, 1, JSON.stringify(log));
      const entry = log.failures[0];
      assert.equal(entry.method, 'POST');
      assert.equal(entry.path, '/v2/checkoutSessions');
      assert.equal(entry.publicKeyId, KEY_ID);
      // The canonical request the mock rebuilt from what the SDK sent.
      const lines = entry.canonicalRequest.split('\n');
      assert.equal(lines[0], 'POST');
      assert.equal(lines[1], '/v2/checkoutSessions');
      assert.equal(lines[2], '');
      const signedHeaders = 'accept;content-type;user-agent;x-amz-pay-date;x-amz-pay-host;' +
        'x-amz-pay-idempotency-key;x-amz-pay-region';
      assert.deepEqual(lines.slice(3, 10).map((l) => l.slice(0, l.indexOf(':'))), signedHeaders.split(';'));
      assert.equal(lines[3], 'accept:application/json');
      assert.equal(lines[4], 'content-type:application/json');
      assert.match(lines[5], /^user-agent:amazon-pay-api-sdk-nodejs\/2\.3\.4 /);
      assert.match(lines[6], /^x-amz-pay-date:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(lines[7], `x-amz-pay-host:127.0.0.1:${port}`);
      assert.equal(lines[8], `x-amz-pay-idempotency-key:${key}`);
      assert.equal(lines[9], 'x-amz-pay-region:jp');
      assert.equal(lines[10], '');
      assert.equal(lines[11], signedHeaders);
      assert.equal(lines[12], sha256(JSON.stringify(payload)));
      assert.equal(lines.length, 13);
      assert.equal(entry.stringToSign, `${algorithm}\n${sha256(entry.canonicalRequest)}`);
    }
    // A GET (empty body) is refused the same way.
    const res = await rejectsWith(client({ privateKey }).getChargePermission('S03-0000000-0000000'),
      403, 'InvalidRequestSignature');
    assert.ok(res.data.message.includes('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
      res.data.message);
    // An id the mock does not know.
    await rejectsWith(client({ publicKeyId: 'SANDBOX-UNKNOWNKEY' }).getChargePermission('S03-0000000-0000000'),
      401, 'UnauthorizedAccess');
  });

  sdkTest('idempotency key: same body replays, different body → 400 DuplicateIdempotencyKey', async () => {
    const api = client();
    const key = idem();
    const payload = {
      webCheckoutDetails: { checkoutReviewReturnUrl: REVIEW_URL },
      storeId: STORE_ID,
      chargePermissionType: 'OneTime',
    };
    const first = await api.createCheckoutSession(payload, { 'x-amz-pay-idempotency-key': key });
    assert.equal(first.status, 201);
    await advance('5s');  // a replay must be the stored answer, not a new one
    const replay = await api.createCheckoutSession(payload, { 'x-amz-pay-idempotency-key': key });
    assert.equal(replay.status, 201);
    assert.deepEqual(replay.data, first.data);
    await rejectsWith(api.createCheckoutSession({ ...payload, storeId: `${STORE_ID}x` },
      { 'x-amz-pay-idempotency-key': key }), 400, 'DuplicateIdempotencyKey');
    const objects = await control('GET', '/__mock/objects');
    assert.equal(objects.checkoutSessions.length, 1);

    // On Create Charge: the replay does not charge twice.
    const { chargePermissionId: cpId } = await checkout(api);
    const chargeKey = idem();
    const body = { chargePermissionId: cpId, chargeAmount: yen(1500), captureNow: false };
    const c1 = await api.createCharge(body, { 'x-amz-pay-idempotency-key': chargeKey });
    const c2 = await api.createCharge(body, { 'x-amz-pay-idempotency-key': chargeKey });
    assert.equal(c2.status, 201);
    assert.deepEqual(c2.data, c1.data);
    await rejectsWith(api.createCharge({ ...body, chargeAmount: yen(1501) }, { 'x-amz-pay-idempotency-key': chargeKey }),
      400, 'DuplicateIdempotencyKey');
    const charges = (await control('GET', '/__mock/objects')).charges.filter((c) => c.chargePermissionId === cpId);
    assert.equal(charges.length, 2);  // the checkout's charge and one additional charge
  });

  sdkTest('illegal charge transitions → 422 InvalidChargeStatus', async () => {
    const api = client({ algorithm: PSS_V2 });
    const { chargePermissionId: cpId, chargeId } = await checkout(api, { amount: 5000 });

    // Cancel a captured charge.
    await api.captureCharge(chargeId, { captureAmount: yen(5000) }, { 'x-amz-pay-idempotency-key': idem() });
    await rejectsWith(api.cancelCharge(chargeId, { cancellationReason: 'too late' }), 422, 'InvalidChargeStatus');

    // Capture a canceled charge.
    const extra = await api.createCharge({ chargePermissionId: cpId, chargeAmount: yen(1000) },
      { 'x-amz-pay-idempotency-key': idem() });
    const canceled = await api.cancelCharge(extra.data.chargeId, { cancellationReason: 'Buyer canceled the order' });
    assert.equal(canceled.status, 200);
    assert.equal(canceled.data.statusDetails.state, 'Canceled');
    assert.equal(canceled.data.statusDetails.reasonCode, 'MerchantCanceled');
    await rejectsWith(api.captureCharge(extra.data.chargeId, { captureAmount: yen(1000) },
      { 'x-amz-pay-idempotency-key': idem() }), 422, 'InvalidChargeStatus');
    // A refund needs a captured charge.
    await rejectsWith(api.createRefund({ chargeId: extra.data.chargeId, refundAmount: yen(1) },
      { 'x-amz-pay-idempotency-key': idem() }), 422, 'InvalidChargeStatus');
  });

  sdkTest('x-amz-pay-simulation-code: unknown code → 400 InvalidSandboxSimulationSpecified', async () => {
    const api = client();
    const { chargePermissionId: cpId, chargeId } = await checkout(api, { amount: 3000 });
    await rejectsWith(api.createCharge({ chargePermissionId: cpId, chargeAmount: yen(1000) },
      { 'x-amz-pay-idempotency-key': idem(), 'x-amz-pay-simulation-code': 'NoSuchSimulation' }),
    400, 'InvalidSandboxSimulationSpecified');
    await rejectsWith(api.captureCharge(chargeId, { captureAmount: yen(3000) },
      { 'x-amz-pay-simulation-code': 'NoSuchSimulation' }), 400, 'InvalidSandboxSimulationSpecified');

    // Known codes work through the SDK too (the header is signed like any other).
    await rejectsWith(api.createCharge({ chargePermissionId: cpId, chargeAmount: yen(1000) },
      { 'x-amz-pay-idempotency-key': idem(), 'x-amz-pay-simulation-code': 'SoftDeclined' }),
    422, 'SoftDeclined');
    const pending = await api.captureCharge(chargeId, { captureAmount: yen(3000) },
      { 'x-amz-pay-idempotency-key': idem(), 'x-amz-pay-simulation-code': 'CaptureInitiated' });
    assert.equal(pending.data.statusDetails.state, 'CaptureInitiated');
    await advance('30s');
    assert.equal((await api.getCharge(chargeId)).data.statusDetails.state, 'Captured');
  });
});

sdkTest('Get Buyer with a buyer token', async () => {
  const { buyerToken } = await control('POST', '/__mock/buyer-tokens', { buyer: 'taro' });
  const buyer = (await client().getBuyer(buyerToken)).data;
  assert.equal(buyer.name, '山田太郎');
  assert.equal(buyer.email, 'taro@example.jp');
  assert.equal(buyer.countryCode, 'JP');
  await rejectsWith(client().getBuyer('BT-unknown'), 404, 'ResourceNotFound');
});
