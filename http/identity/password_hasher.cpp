#include "http/identity/password_hasher.hpp"

#include "http/identity/auth_error.hpp"

#include <sodium.h>

#include <cassert>
#include <cstdlib>

namespace pfms {

result<std::string> password_hasher::argon2id(const std::string& password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops_limit_, mem_limit_,
                            crypto_pwhash_ALG_ARGON2ID13)
      != 0)
    return make_failure(auth_errc::busy, "out of memory while hashing");
  return std::string(out);
}

bool password_hasher::needs_rehash(const std::string& stored) const {
  return crypto_pwhash_str_needs_rehash(stored.c_str(), ops_limit_, mem_limit_) != 0;
}

password_hasher::password_hasher(argon2_cost cost, unsigned threads)
  : ops_limit_(cost.passes), mem_limit_(std::size_t{cost.memory_mib} << 20),
    pool_(threads, queue_max, "pfms-hasher") {
  assert(cost.passes >= 2 && cost.memory_mib >= 19);
  // sodium_init is idempotent and thread-safe; it fails only without an entropy source.
  if (sodium_init() < 0)
    std::abort();
  char seed[33];
  randombytes_buf(seed, 32);
  seed[32] = 0;
  decoy_ = argon2id(std::string(seed, 32)).value();
}

void password_hasher::submit(std::function<void()> job, const std::function<void()>& refuse) {
  if (!pool_.submit(std::move(job)))
    refuse();
}

void password_hasher::hash(std::string password, std::function<void(result<std::string>)> done) {
  submit([this, password = std::move(password), done] { done(argon2id(password)); },
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

} // namespace pfms
