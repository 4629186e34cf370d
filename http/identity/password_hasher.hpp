#pragma once

#include "events/result.hpp"
#include "http/runtime/worker_pool.hpp"

#include <functional>
#include <string>

namespace pfms {

/// argon2id cost: passes and memory. The defaults (2 passes, 64 MiB) are above
/// OWASP's minimum of 2 passes and 19 MiB, which is also the floor accepted.
struct argon2_cost {
  unsigned passes = 2;
  unsigned memory_mib = 64;
};

/// argon2id hashing (libsodium `crypto_pwhash_str`) on its own threads, so no
/// I/O thread or actor worker spends the ~0.1 s a hash takes. Jobs wait in a
/// bounded queue; past it the answer is `auth_errc::busy` at once. Callbacks
/// run on a hasher thread.
class password_hasher {
public:
  static constexpr std::size_t queue_max = 64;
  static constexpr std::size_t password_size_min = 8;
  static constexpr std::size_t password_size_max = 256;

  explicit password_hasher(argon2_cost cost = {}, unsigned threads = 2);
  password_hasher(const password_hasher&) = delete;
  password_hasher& operator=(const password_hasher&) = delete;

  /// The argon2id string of `password`.
  void hash(std::string password, std::function<void(result<std::string>)> done);

  /// Whether `password` matches `stored`. An empty `stored` (unknown user)
  /// still costs one full verification against a fixed hash, so an unknown
  /// email and a wrong password take the same time.
  /// `auth_errc::busy` when the queue is full.
  void verify(std::string password, std::string stored, std::function<void(result<bool>)> done);

  /// Whether `stored` was made with other parameters than this hasher's (a
  /// login then stores a fresh hash of the password it just verified).
  [[nodiscard]] bool needs_rehash(const std::string& stored) const;

private:
  void submit(std::function<void()> job, const std::function<void()>& refuse);

  result<std::string> argon2id(const std::string& password) const;

  unsigned long long ops_limit_;
  std::size_t mem_limit_;
  std::string decoy_; ///< hash of a random password, verified for unknown users
  worker_pool pool_;  ///< last: its threads stop before the rest goes
};

} // namespace pfms
