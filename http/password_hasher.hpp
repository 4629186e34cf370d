#pragma once

#include "events/result.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pfms {

/// argon2id hashing (libsodium `crypto_pwhash_str`, opslimit 2 and 64 MiB,
/// above OWASP's minimum of 19 MiB and 2 passes) on its own threads, so no
/// I/O thread or actor worker spends the ~0.1 s a hash takes. Jobs wait in a
/// bounded queue; past it the answer is `auth_errc::busy` at once. Callbacks
/// run on a hasher thread.
class password_hasher {
public:
  static constexpr std::size_t queue_max = 64;
  static constexpr std::size_t password_size_min = 8;
  static constexpr std::size_t password_size_max = 256;

  explicit password_hasher(unsigned threads = 2);
  ~password_hasher();
  password_hasher(const password_hasher&) = delete;
  password_hasher& operator=(const password_hasher&) = delete;

  /// The argon2id string of `password`.
  void hash(std::string password, std::function<void(result<std::string>)> done);

  /// Whether `password` matches `stored`. An empty `stored` (unknown user)
  /// still costs one full verification against a fixed hash, so an unknown
  /// email and a wrong password take the same time.
  /// `auth_errc::busy` when the queue is full.
  void verify(std::string password, std::string stored, std::function<void(result<bool>)> done);

private:
  void submit(std::function<void()> job, const std::function<void()>& refuse);
  void run();

  std::string decoy_; ///< hash of a random password, verified for unknown users
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

} // namespace pfms
