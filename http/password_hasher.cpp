#include "http/password_hasher.hpp"

#include "http/auth_error.hpp"

#include <sodium.h>

#include <cstdlib>

namespace pfms {

namespace {

constexpr auto ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE; // 2 passes
constexpr auto mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE; // 64 MiB

result<std::string> argon2id(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops_limit, mem_limit,
                            crypto_pwhash_ALG_ARGON2ID13)
      != 0)
    return make_failure(auth_errc::busy, "out of memory while hashing");
  return std::string(out);
}

} // namespace

password_hasher::password_hasher(unsigned threads) {
  // sodium_init is idempotent and thread-safe; it fails only without an entropy source.
  if (sodium_init() < 0)
    std::abort();
  char seed[33];
  randombytes_buf(seed, 32);
  seed[32] = 0;
  decoy_ = argon2id(std::string(seed, 32)).value();
  for (unsigned i = 0; i < threads; ++i)
    threads_.emplace_back([this] { run(); });
}

password_hasher::~password_hasher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_)
    t.join();
}

void password_hasher::submit(std::function<void()> job, const std::function<void()>& refuse) {
  {
    std::lock_guard lock(mutex_);
    if (jobs_.size() < queue_max && !stopping_) {
      jobs_.push_back(std::move(job));
      wake_.notify_one();
      return;
    }
  }
  refuse();
}

void password_hasher::hash(std::string password, std::function<void(result<std::string>)> done) {
  submit([password = std::move(password), done] { done(argon2id(password)); },
         [&done] { done(make_failure(auth_errc::busy, "too many logins at once")); });
}

void password_hasher::verify(std::string password, std::string stored,
                             std::function<void(result<bool>)> done) {
  submit(
    [this, password = std::move(password), stored = std::move(stored), done] {
      const auto& against = stored.empty() ? decoy_ : stored;
      const bool match =
        crypto_pwhash_str_verify(against.c_str(), password.data(), password.size()) == 0;
      done(match && !stored.empty());
    },
    [&done] { done(make_failure(auth_errc::busy, "too many logins at once")); });
}

void password_hasher::run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty())
        return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

} // namespace pfms
