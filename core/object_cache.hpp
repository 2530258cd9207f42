// Decoded objects kept beside their SQLite rows, so a read does not parse JSON again (the
// mock's hottest path was re-reading every Charge of a permission on each Create Charge).
//
// Write-through: Store::put updates the row and the cache together, and a read that misses
// fills the cache from the row. A rollback (whole or to a savepoint) or a reset drops
// everything, so the cache never holds what SQLite no longer does. Bounded: past
// kMaxObjects entries it starts afresh, so a long-running mock does not grow without end.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace core {

template <class T>
class ObjectCache {
 public:
  static constexpr std::size_t kMaxObjects = 200'000;

  const T* find(const std::string& id) const {
    auto it = objects_.find(id);
    return it == objects_.end() ? nullptr : &it->second;
  }
  // The cached object, or `load(id)` (an optional<T>: the row decoded) cached when found.
  template <class Load>
  std::optional<T> get_or_load(const std::string& id, Load&& load) {
    if (const T* hit = find(id)) return *hit;
    std::optional<T> loaded = load(id);
    if (loaded) put(id, *loaded);
    return loaded;
  }
  void put(const std::string& id, const T& object) {
    if (objects_.size() >= kMaxObjects && !objects_.contains(id)) clear();
    objects_.insert_or_assign(id, object);
  }

  // Children of a parent (the Charges of a permission, the Refunds of a Charge), in creation
  // order; null when this parent's list is not known.
  const std::vector<std::string>* children(const std::string& parent) const {
    auto it = children_.find(parent);
    return it == children_.end() ? nullptr : &it->second.order;
  }
  // Whether `id` is among `parent`'s children; nullopt when that parent's list is not known.
  std::optional<bool> has_child(const std::string& parent, const std::string& id) const {
    auto it = children_.find(parent);
    if (it == children_.end()) return std::nullopt;
    return it->second.known.contains(id);
  }
  void set_children(const std::string& parent, std::vector<std::string> ids) {
    if (children_.size() >= kMaxObjects) children_.clear();
    Children c{std::move(ids), {}};
    c.known.insert(c.order.begin(), c.order.end());
    children_.insert_or_assign(parent, std::move(c));
  }
  // A child written: appended to its parent's known list when it is new there (a set, not a
  // scan of the list: a permission may have many thousands of Charges).
  void add_child(const std::string& parent, const std::string& id) {
    auto it = children_.find(parent);
    if (it == children_.end()) return;
    if (it->second.known.insert(id).second) it->second.order.push_back(id);
  }

  void clear() {
    objects_.clear();
    children_.clear();
  }

 private:
  std::unordered_map<std::string, T> objects_;
  struct Children {
    std::vector<std::string> order;
    std::unordered_set<std::string> known;
  };
  std::unordered_map<std::string, Children> children_;
};

}  // namespace core
