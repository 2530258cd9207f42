// State machines as inline SVG diagrams plus their transition tables.
//
// Layout (a small layered drawing, legible rather than optimal):
//  - a dot in column 0 stands for creation; rows with an empty `from` start there;
//  - columns follow reachability from creation: a state sits one column right of the
//    furthest state that reaches it without going round a cycle (longest path after the
//    edges that close a cycle, found by DFS from creation, are turned round);
//  - an arrow spanning several columns passes through invisible waypoints, one per column,
//    so it never crosses a box; states in a column are ordered to reduce crossings
//    (barycentre sweeps) and nudged towards their neighbours to straighten arrows;
//  - rows between the same two states share one arrow; a self-transition is a loop above
//    its box. Arrows carry no text: labels laid over crossing arrows hid them, and the table
//    under each diagram names every trigger (an arrow's tooltip lists its triggers);
//  - arrows this run exercised (transitions_seen.hpp) are solid green, the others dashed.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/core.h>

#include "reports/html_parts.hpp"
#include "reports/text_util.hpp"

namespace reports::html {

namespace {

constexpr double kBoxHeight = 30;
constexpr double kNodeGap = 44;      // vertical space between boxes of a column
constexpr double kWaypointGap = 24;  // vertical space taken by a passing arrow
constexpr double kColumnGap = 64;    // horizontal space between columns
constexpr double kStateFont = 12;
constexpr double kLoopHeight = 34;

std::size_t utf8_length(unsigned char lead) {
  return lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : (lead >> 3) == 30 ? 4 : 1;
}

// Rough rendered width: CJK and other wide characters take about one em, Latin about 0.6.
double text_width(std::string_view s, double font) {
  double w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = utf8_length(static_cast<unsigned char>(s[i]));
    w += (len >= 3 ? 1.0 : 0.6) * font;
    i += len;
  }
  return w;
}

struct Point {
  double x = 0, y = 0;
};

struct Node {
  std::string name;
  bool start = false;     // the creation dot
  bool waypoint = false;  // invisible point of a long arrow
  bool reached = true;    // reachable from creation
  bool terminal = false;  // no transition leaves it
  bool has_loop = false;  // a self-transition: room for the loop above the box
  bool loop_seen = false;  // ... and this run exercised it
  double loop_room = 0;
  int layer = 0;
  double w = 0, h = kBoxHeight;
  double cx = 0, cy = 0;  // centre
  double left() const { return cx - w / 2; }
  double right() const { return cx + w / 2; }
  double top() const { return cy - h / 2; }
};

// One arrow: rows between the same two states. `chain` runs left to right through the
// layout (waypoints included); `reversed` when it is drawn against the column order.
struct Edge {
  std::size_t from = 0, to = 0;
  std::vector<std::string> triggers;
  std::vector<std::size_t> chain;
  bool reversed = false;
  bool seen = false;  // this run exercised it
  std::vector<double> port_out, port_in;  // y offsets at each chain step (out of i, into i+1)
};

struct Bounds {
  double min_x = 1e9, min_y = 1e9, max_x = -1e9, max_y = -1e9;
  void add(double x, double y) {
    min_x = std::min(min_x, x);
    min_y = std::min(min_y, y);
    max_x = std::max(max_x, x);
    max_y = std::max(max_y, y);
  }
};

class Diagram {
 public:
  Diagram(const StateMachineView& m, int index, const TransitionsSeen& seen)
      : machine_(m), index_(index), seen_(seen) {
    collect_nodes();
    collect_edges();
    assign_layers();
    insert_waypoints();
    order_layers();
    place_columns();
    place_rows();
    assign_ports();
  }

  std::string svg() {
    if (nodes_.empty())
      return "<svg class=\"state-machine\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
             "viewBox=\"0 0 220 30\" width=\"220\" height=\"30\"><text x=\"4\" y=\"20\" "
             "font-size=\"12\">(no states recorded)</text></svg>\n";
    std::string edges_svg, nodes_svg;
    for (std::size_t i = 0; i < nodes_.size(); ++i)
      if (!nodes_[i].waypoint) nodes_svg += node_svg(i);
    for (const Edge& e : edges_) edges_svg += edge_svg(e);
    const double pad = 10;
    const double vx = bounds_.min_x - pad, vy = bounds_.min_y - pad;
    const double vw = bounds_.max_x - bounds_.min_x + 2 * pad;
    const double vh = bounds_.max_y - bounds_.min_y + 2 * pad;
    std::string out = fmt::format(
        "<svg class=\"state-machine\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
        "viewBox=\"{:.1f} {:.1f} {:.1f} {:.1f}\" width=\"{:.0f}\" height=\"{:.0f}\" "
        "font-family=\"system-ui, sans-serif\">\n<title>State machine of {}</title>\n",
        vx, vy, vw, vh, vw, vh, esc(machine_.resource));
    out += "<defs>" + marker(false) + marker(true) + "</defs>\n";
    out += "<g class=\"edges\">\n" + edges_svg + "</g>\n<g class=\"states\">\n" + nodes_svg +
           "</g>\n</svg>\n";
    return out;
  }

 private:
  std::string marker_id(bool seen) const {
    return fmt::format("sm{}-arrow{}", index_, seen ? "-seen" : "");
  }
  std::string marker(bool seen) const {
    return fmt::format(
        "<marker id=\"{}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
        "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/>"
        "</marker>",
        marker_id(seen), seen ? kSeenColour : kUnseenColour);
  }
  static constexpr const char* kSeenColour = "#1a7f37";
  static constexpr const char* kUnseenColour = "#8c959f";

  bool was_seen(const std::string& from, const std::string& to) const {
    return seen_.count({machine_.resource, from, to}) > 0;
  }

  std::size_t node_index(const std::string& state) {
    const auto it = index_of_.find(state);
    if (it != index_of_.end()) return it->second;
    Node n;
    n.name = state;
    n.w = std::max(80.0, text_width(state, kStateFont) + 24);
    nodes_.push_back(n);
    index_of_[state] = nodes_.size() - 1;
    return nodes_.size() - 1;
  }

  void collect_nodes() {
    for (const auto& row : machine_.rows)
      if (row.from.empty() && !row.to.empty()) {
        Node start;
        start.start = true;
        start.w = start.h = 14;
        nodes_.push_back(start);
        start_ = 0;
        break;
      }
    for (const std::string& s : machine_.states) node_index(s);
    for (const auto& row : machine_.rows) {
      if (!row.from.empty()) node_index(row.from);
      if (!row.to.empty()) node_index(row.to);
    }
  }

  void collect_edges() {
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> by_pair;
    std::set<std::size_t> has_outgoing;
    for (const auto& row : machine_.rows) {
      if (row.to.empty()) continue;
      const std::size_t from = row.from.empty() ? *start_ : index_of_.at(row.from);
      const std::size_t to = index_of_.at(row.to);
      if (!row.from.empty()) has_outgoing.insert(from);
      if (from == to) {
        nodes_[from].loop_seen = nodes_[from].loop_seen || was_seen(row.from, row.to);
        auto& loop = loops_[from];
        if (std::find(loop.begin(), loop.end(), row.trigger) == loop.end())
          loop.push_back(row.trigger);
        continue;
      }
      const auto [it, added] = by_pair.emplace(std::make_pair(from, to), edges_.size());
      if (added) edges_.push_back(Edge{from, to, {}, {}, false, was_seen(row.from, row.to), {}, {}});
      auto& triggers = edges_[it->second].triggers;
      if (std::find(triggers.begin(), triggers.end(), row.trigger) == triggers.end())
        triggers.push_back(row.trigger);
    }
    for (std::size_t i = 0; i < nodes_.size(); ++i)
      nodes_[i].terminal = !nodes_[i].start && !has_outgoing.count(i);
    for (const auto& [node, triggers] : loops_) {
      nodes_[node].has_loop = true;
      nodes_[node].loop_room = kLoopHeight;
    }
  }

  // DFS from creation (then from any state not reached) marks the edges that close a
  // cycle; they are drawn reversed. Layers are longest paths over the remaining DAG.
  void assign_layers() {
    const std::size_t n = nodes_.size();
    std::vector<int> state(n, 0);  // 0 new, 1 on stack, 2 done
    std::vector<std::vector<std::size_t>> out(n);
    for (std::size_t e = 0; e < edges_.size(); ++e) out[edges_[e].from].push_back(e);
    std::vector<bool> reached(n, false);
    const auto dfs = [&](auto&& self, std::size_t v) -> void {
      state[v] = 1;
      for (std::size_t e : out[v]) {
        const std::size_t w = edges_[e].to;
        if (state[w] == 1)
          edges_[e].reversed = true;
        else if (state[w] == 0)
          self(self, w);
      }
      state[v] = 2;
    };
    if (start_) dfs(dfs, *start_);
    for (std::size_t v = 0; v < n; ++v) reached[v] = state[v] == 2;
    for (std::size_t v = 0; v < n; ++v)
      if (state[v] == 0) dfs(dfs, v);
    for (std::size_t v = 0; v < n; ++v) nodes_[v].reached = !start_ || reached[v];

    // Longest path: relax n times (the graph is small; no topological sort needed).
    for (std::size_t round = 0; round < n; ++round) {
      bool changed = false;
      for (const Edge& e : edges_) {
        const std::size_t a = e.reversed ? e.to : e.from;
        const std::size_t b = e.reversed ? e.from : e.to;
        if (nodes_[b].layer < nodes_[a].layer + 1) {
          nodes_[b].layer = nodes_[a].layer + 1;
          changed = true;
        }
      }
      if (!changed) break;
    }
  }

  void insert_waypoints() {
    for (Edge& e : edges_) {
      const std::size_t a = e.reversed ? e.to : e.from;
      const std::size_t b = e.reversed ? e.from : e.to;
      e.chain.push_back(a);
      for (int layer = nodes_[a].layer + 1; layer < nodes_[b].layer; ++layer) {
        Node w;
        w.waypoint = true;
        w.layer = layer;
        w.h = 0;
        nodes_.push_back(w);
        e.chain.push_back(nodes_.size() - 1);
      }
      e.chain.push_back(b);
    }
    int layers = 0;
    for (const Node& n : nodes_) layers = std::max(layers, n.layer + 1);
    layers_.assign(static_cast<std::size_t>(layers), {});
    for (std::size_t i = 0; i < nodes_.size(); ++i)
      layers_[static_cast<std::size_t>(nodes_[i].layer)].push_back(i);
  }

  // Neighbours of v in the layer before (before=true) or after it.
  std::vector<std::size_t> neighbours(std::size_t v, bool before) const {
    std::vector<std::size_t> out;
    for (const Edge& e : edges_)
      for (std::size_t k = 0; k + 1 < e.chain.size(); ++k) {
        if (before && e.chain[k + 1] == v) out.push_back(e.chain[k]);
        if (!before && e.chain[k] == v) out.push_back(e.chain[k + 1]);
      }
    return out;
  }

  // Barycentre sweeps: each node moves towards the average position of its neighbours.
  void order_layers() {
    std::vector<double> pos(nodes_.size(), 0);
    const auto number = [&](const std::vector<std::size_t>& layer) {
      for (std::size_t k = 0; k < layer.size(); ++k) pos[layer[k]] = static_cast<double>(k);
    };
    for (const auto& layer : layers_) number(layer);
    for (int sweep = 0; sweep < 8; ++sweep) {
      const bool down = sweep % 2 == 0;
      for (std::size_t i = 0; i < layers_.size(); ++i) {
        auto& layer = layers_[down ? i : layers_.size() - 1 - i];
        std::vector<std::pair<double, std::size_t>> keyed;
        for (std::size_t v : layer) {
          const auto nb = neighbours(v, down);
          double key = pos[v];
          if (!nb.empty()) {
            key = 0;
            for (std::size_t u : nb) key += pos[u];
            key /= static_cast<double>(nb.size());
          }
          keyed.push_back({key, v});
        }
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t k = 0; k < keyed.size(); ++k) layer[k] = keyed[k].second;
        number(layer);
      }
    }
  }

  // Columns as wide as their widest box.
  void place_columns() {
    std::vector<double> width(layers_.size(), 0);
    for (std::size_t c = 0; c < layers_.size(); ++c)
      for (std::size_t v : layers_[c]) width[c] = std::max(width[c], nodes_[v].w);
    double x = 0;
    for (std::size_t c = 0; c < layers_.size(); ++c) {
      for (std::size_t v : layers_[c]) nodes_[v].cx = x + width[c] / 2;
      x += width[c] + kColumnGap;
    }
  }

  double slot_before(const Node& n) const {
    return n.waypoint ? kWaypointGap / 2 : n.h / 2 + kNodeGap / 2 + n.loop_room;
  }
  double slot_after(const Node& n) const {
    return n.waypoint ? kWaypointGap / 2 : n.h / 2 + kNodeGap / 2;
  }

  // Stack each column, then pull nodes towards the mean height of their neighbours while
  // keeping order and spacing; this straightens arrows through waypoints.
  void place_rows() {
    for (const auto& layer : layers_) {
      double y = 0;
      for (std::size_t v : layer) {
        y += slot_before(nodes_[v]);
        nodes_[v].cy = y;
        y += slot_after(nodes_[v]);
      }
    }
    for (int sweep = 0; sweep < 12; ++sweep) {
      const bool down = sweep % 2 == 0;
      for (std::size_t i = 0; i < layers_.size(); ++i) {
        const auto& layer = layers_[down ? i : layers_.size() - 1 - i];
        std::vector<double> wanted;
        for (std::size_t v : layer) {
          auto nb = neighbours(v, down);
          if (nb.empty()) nb = neighbours(v, !down);
          double y = nodes_[v].cy;
          if (!nb.empty()) {
            y = 0;
            for (std::size_t u : nb) y += nodes_[u].cy;
            y /= static_cast<double>(nb.size());
          }
          wanted.push_back(y);
        }
        // Keep order and spacing, then shift the column to minimise the total pull.
        std::vector<double> placed(wanted.size());
        double shift = 0;
        for (std::size_t k = 0; k < layer.size(); ++k) {
          placed[k] = wanted[k];
          if (k > 0)
            placed[k] = std::max(placed[k], placed[k - 1] + slot_after(nodes_[layer[k - 1]]) +
                                                slot_before(nodes_[layer[k]]));
          shift += wanted[k] - placed[k];
        }
        shift /= std::max<std::size_t>(1, layer.size());
        for (std::size_t k = 0; k < layer.size(); ++k) nodes_[layer[k]].cy = placed[k] + shift;
      }
    }
  }

  // Arrows leaving (entering) a box side are spread along it in the order of where they go
  // (come from), so parallel arrows do not share a line.
  void assign_ports() {
    std::map<std::size_t, std::vector<std::pair<double, std::pair<std::size_t, std::size_t>>>> outs,
        ins;
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      Edge& edge = edges_[e];
      edge.port_out.assign(edge.chain.size(), 0);
      edge.port_in.assign(edge.chain.size(), 0);
      for (std::size_t k = 0; k + 1 < edge.chain.size(); ++k) {
        outs[edge.chain[k]].push_back({nodes_[edge.chain[k + 1]].cy, {e, k}});
        ins[edge.chain[k + 1]].push_back({nodes_[edge.chain[k]].cy, {e, k + 1}});
      }
    }
    const auto spread = [&](auto& sides, bool out) {
      for (auto& [node, list] : sides) {
        if (nodes_[node].waypoint || list.size() < 2) continue;
        std::stable_sort(list.begin(), list.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        const double step =
            std::min(8.0, (nodes_[node].h - 8) / static_cast<double>(list.size() - 1));
        for (std::size_t k = 0; k < list.size(); ++k) {
          const double offset =
              (static_cast<double>(k) - static_cast<double>(list.size() - 1) / 2) * step;
          auto& [e, at] = list[k].second;
          (out ? edges_[e].port_out : edges_[e].port_in)[at] = offset;
        }
      }
    };
    spread(outs, true);
    spread(ins, false);
  }

  Point step_start(const Edge& e, std::size_t k) const {
    const Node& n = nodes_[e.chain[k]];
    return {n.waypoint ? n.cx : n.right(), n.cy + e.port_out[k]};
  }
  Point step_end(const Edge& e, std::size_t k) const {
    const Node& n = nodes_[e.chain[k + 1]];
    return {n.waypoint ? n.cx : n.left(), n.cy + e.port_in[k + 1]};
  }

  std::string edge_svg(const Edge& e) {
    std::vector<std::pair<Point, Point>> steps;
    for (std::size_t k = 0; k + 1 < e.chain.size(); ++k)
      steps.push_back({step_start(e, k), step_end(e, k)});
    if (e.reversed) {  // drawn from the state the rows start at, so the arrowhead is right
      std::reverse(steps.begin(), steps.end());
      for (auto& [a, b] : steps) std::swap(a, b);
    }
    std::string d = fmt::format("M{:.1f},{:.1f}", steps.front().first.x, steps.front().first.y);
    for (const auto& [a, b] : steps) {
      const double mx = (a.x + b.x) / 2;
      d += fmt::format(" C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}", mx, a.y, mx, b.y, b.x, b.y);
      bounds_.add(a.x, a.y);
      bounds_.add(b.x, b.y);
    }
    return fmt::format(
        "<path class=\"edge{}{}\" d=\"{}\" fill=\"none\" {} marker-end=\"url(#{})\">"
        "<title>{}</title></path>\n",
        e.reversed ? " back" : "", e.seen ? " seen" : "", d, stroke(e.seen), marker_id(e.seen),
        esc(edge_title(e)));
  }

  static std::string stroke(bool seen) {
    return seen ? fmt::format("stroke=\"{}\" stroke-width=\"2.2\"", kSeenColour)
                : fmt::format("stroke=\"{}\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"",
                              kUnseenColour);
  }

  std::string edge_title(const Edge& e) const {
    const Node& from = nodes_[e.from];
    std::string t =
        (from.start ? std::string("(created)") : from.name) + " → " + nodes_[e.to].name + ":";
    for (const std::string& tr : e.triggers) t += " " + (tr.empty() ? "(create)" : tr);
    return t + (e.seen ? " (exercised in this run)" : " (not exercised in this run)");
  }

  std::string node_svg(std::size_t i) {
    const Node& n = nodes_[i];
    bounds_.add(n.left(), n.top() - n.loop_room);
    bounds_.add(n.right(), n.top() + n.h);
    if (n.start)
      return fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"7\" fill=\"#222\"><title>creation</title>"
          "</circle>\n",
          n.cx, n.cy);
    std::string out;
    if (n.has_loop) out += loop_svg(i);
    const char* fill = !n.reached ? "#f4f4f4" : n.terminal ? "#eef1f5" : "#f3f8ff";
    out += fmt::format(
        "<g class=\"state{}{}\"><rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "rx=\"6\" fill=\"{}\" stroke=\"#345\" stroke-width=\"{}\"{}/>",
        n.terminal ? " terminal" : "", n.reached ? "" : " unreached", n.left(), n.top(), n.w, n.h,
        fill, n.terminal ? "2.4" : "1.2", n.reached ? "" : " stroke-dasharray=\"4 3\"");
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" text-anchor=\"middle\" "
        "dominant-baseline=\"central\" fill=\"#111\">{}</text></g>\n",
        n.cx, n.cy, kStateFont, esc(n.name));
    return out;
  }

  // A self-transition: a loop above the box.
  std::string loop_svg(std::size_t i) {
    const Node& n = nodes_[i];
    const std::vector<std::string>& triggers = loops_.at(i);
    const double top = n.top();
    std::string title = n.name + " → " + n.name + ":";
    for (const std::string& t : triggers) title += " " + t;
    title += n.loop_seen ? " (exercised in this run)" : " (not exercised in this run)";
    bounds_.add(n.cx, top - kLoopHeight);
    return fmt::format(
        "<path class=\"edge loop{}\" d=\"M{:.1f},{:.1f} C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}\" "
        "fill=\"none\" {} marker-end=\"url(#{})\"><title>{}</title></path>\n",
        n.loop_seen ? " seen" : "", n.cx - 12, top, n.cx - 30, top - kLoopHeight + 4, n.cx + 30,
        top - kLoopHeight + 4, n.cx + 12, top, stroke(n.loop_seen), marker_id(n.loop_seen),
        esc(title));
  }

  const StateMachineView& machine_;
  int index_;
  const TransitionsSeen& seen_;
  std::vector<Node> nodes_;
  std::map<std::string, std::size_t> index_of_;
  std::optional<std::size_t> start_;
  std::vector<Edge> edges_;
  std::map<std::size_t, std::vector<std::string>> loops_;
  std::vector<std::vector<std::size_t>> layers_;
  Bounds bounds_;
};

std::string anchor_for(const StateMachineView& m) {
  std::string id = "machine-";
  for (char c : m.resource) id += (c == ' ' || c == '\t' || c == '\n') ? '_' : c;
  return id;
}

// Which scenarios showed the row's state pair: a count and a link to the first.
std::string seen_cell(const Context& ctx, const StateMachineView& m,
                      const StateMachineView::Row& row) {
  const auto it = ctx.seen.find({m.resource, row.from, row.to});
  if (it == ctx.seen.end()) return "<span class=\"muted\">not seen</span>";
  return fmt::format("✓ {} scenario{}, e.g. {}", it->second.size(),
                     it->second.size() == 1 ? "" : "s", scenario_link(ctx, it->second.front(), false));
}

void write_table(std::string& out, const Context& ctx, const StateMachineView& m) {
  out +=
      "<table class=\"transitions\">\n<thead><tr><th>From</th><th>Trigger</th><th>To</th>"
      "<th>Reasons</th><th>Description</th><th>This run</th></tr></thead>\n<tbody>\n";
  for (const auto& row : m.rows) {
    std::string reasons;
    for (std::size_t i = 0; i < row.reasons.size(); ++i)
      reasons += (i ? ", " : "") + ("<code>" + esc(row.reasons[i]) + "</code>");
    const bool seen = ctx.seen.count({m.resource, row.from, row.to}) > 0;
    out += fmt::format(
        "<tr class=\"{}\"><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td>"
        "<td class=\"seen\">{}</td></tr>\n",
        seen ? "seen" : "unseen",
        row.from.empty() ? "<span class=\"muted\">(created)</span>" : esc(row.from),
        esc(row.trigger), esc(row.to), reasons.empty() ? "—" : reasons, esc(row.description),
        seen_cell(ctx, m, row));
  }
  out += "</tbody>\n</table>\n";
}

void write_machine(std::string& out, const Context& ctx, const StateMachineView& m, int index,
                   const std::string& anchor) {
  out += fmt::format("<section class=\"machine\" id=\"{}\">\n<h3>{}</h3>\n", esc(anchor),
                     esc(m.resource));
  out += "<figure class=\"diagram\">" + state_machine_svg(m, index, ctx.seen) +
         "<figcaption>Boxes are states (thick border: no transition leaves it; dashed border: "
         "not reachable from creation); the dot marks creation. <span class=\"seen-key\">Solid "
         "green arrows</span>: this run showed that change of state; dashed grey arrows: it did "
         "not. The triggers of each arrow are the rows below (and its tooltip).</figcaption>"
         "</figure>\n";
  write_table(out, ctx, m);
  out += "<p class=\"denied\">Any other operation → <code>" +
         esc(m.denied_reason.empty() ? "(not recorded)" : m.denied_reason) + "</code></p>\n";
  out += "</section>\n";
}

}  // namespace

std::string state_machine_svg(const StateMachineView& machine, int index,
                              const TransitionsSeen& seen) {
  return Diagram(machine, index, seen).svg();
}

void write_state_machines_section(std::string& out, const Context& ctx) {
  out += "<section id=\"state-machines\">\n<h2>State machines</h2>\n";
  if (ctx.run.state_machines.empty()) {
    out += "<p class=\"muted\">This run recorded no state machines.</p>\n</section>\n";
    return;
  }
  out +=
      "<p class=\"lead\">The resource states of the mock Amazon Pay, as its transition table "
      "defines them. “This run” marks the transitions the scenarios exercised, as the Amazon "
      "Pay objects in the recorded responses show them: a change of state between two "
      "responses, the state an object was first seen in (its creation), a write that left the "
      "state as it was. A response shows states, not triggers: rows with the same two states "
      "are marked together.</p>\n";
  int index = 0;
  std::set<std::string> anchors;  // ids must stay unique if a resource appears twice
  for (const StateMachineView& m : ctx.run.state_machines) {
    std::string anchor = anchor_for(m);
    if (!anchors.insert(anchor).second) anchor += "-" + std::to_string(index + 1);
    anchors.insert(anchor);
    write_machine(out, ctx, m, index++, anchor);
  }
  out += "</section>\n";
}

}  // namespace reports::html
