#include "tools/node_secrets.hpp"

#include "http/identity/jwt.hpp"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <fstream>
#include <iterator>

namespace pfms {

namespace {

constexpr std::size_t key_size = 32;

failure refuse(std::string why) {
  return make_failure(runtime_errc::unavailable, std::move(why));
}

// The secret in `path`; it must hold at least 256 bits.
result<std::string> read_secret(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return refuse("cannot read the secret file " + path);
  std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (secret.size() < key_size)
    return refuse("the secret in " + path + " is shorter than 256 bits");
  return secret;
}

// Creates `path` with `encode(256 random bits)` unless it exists.
template <class Encode>
status create_once(const std::string& path, Encode encode) {
  // O_EXCL: two nodes on one directory never both write a secret.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return done{};
  unsigned char bytes[key_size];
  const bool random = RAND_bytes(bytes, key_size) == 1;
  const auto secret = encode(std::string(reinterpret_cast<char*>(bytes), key_size));
  const bool written = random
                       && ::write(fd, secret.data(), secret.size())
                            == static_cast<ssize_t>(secret.size())
                       && ::fsync(fd) == 0;
  ::close(fd);
  if (!written)
    return refuse("cannot write a new secret to " + path);
  return done{};
}

} // namespace

result<std::string> load_jwt_key(const std::string& key_file, const std::string& data_dir) {
  if (!key_file.empty())
    return read_secret(key_file);
  const auto path = data_dir + "/jwt.key";
  if (auto created = create_once(path, [](std::string raw) { return raw; }); !created)
    return created.error();
  return read_secret(path);
}

result<std::string> load_admin_token(const std::string& token_file, const std::string& data_dir) {
  const auto path = token_file.empty() ? data_dir + "/admin.token" : token_file;
  if (token_file.empty())
    if (auto created = create_once(path, base64url_encode); !created)
      return created.error();
  auto token = read_secret(path);
  if (!token)
    return token.error();
  // A trailing newline from an editor is not part of the token.
  while (!token->empty() && (token->back() == '\n' || token->back() == '\r'))
    token->pop_back();
  return token;
}

} // namespace pfms
