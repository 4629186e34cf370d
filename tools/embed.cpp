// Build helper: writes a C++ file defining `std::string_view NAME()` that
// returns the bytes of a file. Usage: embed INPUT OUTPUT NAME
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
  if (argc != 4)
    return 2;
  std::ifstream in(argv[1], std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream out(argv[2]);
  out << "// Generated from " << argv[1] << " by tools/embed. Do not edit.\n"
      << "#include <string_view>\n\nnamespace pfms {\n\nstd::string_view " << argv[3]
      << "() {\n  static constexpr char bytes[] = {";
  // Signed values, so bytes past ASCII (UTF-8) fit a char without narrowing.
  for (char c : text)
    out << static_cast<int>(static_cast<signed char>(c)) << ',';
  out << "0};\n  return {bytes, sizeof bytes - 1};\n}\n\n} // namespace pfms\n";
  return in && out ? 0 : 1;
}
