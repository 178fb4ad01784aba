// Where the runtime keeps its world between processes: a state directory
// holding
//   runtime.json     the whole state (World::to_state), replaced atomically
//                    (temp file, fsync, rename, fsync of the directory)
//   runtime.journal  one line per applied operation since runtime.json was
//                    written: {"seq": N, "put": {key: value-or-null, ...}},
//                    appended and fsynced before the operation counts as done
//   runtime.lock     held (flock) by the one process that may write
// all 0600 (they hold peering secrets). Loading replays the journal over
// runtime.json; a torn last line (the process died while writing it) is
// dropped with a note. So a process killed at any point leaves a state that
// loads and holds exactly the operations that were reported done.
#pragma once

#include <string>
#include <vector>

#include "model/world.hpp"

namespace entryc::runtime {

inline constexpr int kStateFormatVersion = 1;

class Store {
 public:
  // Opens the state directory (created for writers). A writer takes the
  // lock; throws Error when another process holds it.
  Store(std::string dir, bool write);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Loads the saved world into `world`. Throws Error for a state that cannot
  // be read (naming the file and line).
  void load(World& world);
  // Durably records what one operation changed.
  void record(const World& world, const std::vector<std::string>& touched);
  // Writes the whole state and empties the journal.
  void compact(const World& world);

  bool writable() const { return lock_fd_ >= 0; }
  // Things the user should know (a torn journal line dropped, a stale lock taken over).
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  std::string dir_, state_path_, journal_path_, lock_path_;
  int lock_fd_ = -1;
  int journal_fd_ = -1;
  long seq_ = 0;
  std::vector<std::string> notes_;
};

}  // namespace entryc::runtime
