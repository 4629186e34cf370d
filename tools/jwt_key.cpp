#include "tools/jwt_key.hpp"

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

result<std::string> read_key(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return refuse("cannot read the JWT key file " + path);
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (key.size() < key_size)
    return refuse("the JWT key in " + path + " is shorter than 256 bits");
  return key;
}

} // namespace

result<std::string> load_jwt_key(const std::string& key_file, const std::string& data_dir) {
  if (!key_file.empty())
    return read_key(key_file);
  const auto path = data_dir + "/jwt.key";
  // O_EXCL: two nodes on one directory never both write a key.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd >= 0) {
    unsigned char key[key_size];
    const bool written = RAND_bytes(key, key_size) == 1
                         && ::write(fd, key, key_size) == static_cast<ssize_t>(key_size)
                         && ::fsync(fd) == 0;
    ::close(fd);
    if (!written)
      return refuse("cannot write a new JWT key to " + path);
  }
  return read_key(path);
}

} // namespace pfms
