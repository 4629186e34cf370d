// Erasure reaches the text a person wrote into what they share: in groups,
// the descriptions and categories of their expenses and the names of the
// participants they added read as "[erased]" to the other members, while the
// others' text and every amount stay; a loan's named party goes the same way.
// On one node, and in a cluster where the group lives on another node, even
// one that is down when the person is erased.

#include "tests/e2e/cluster_support.hpp"
#include "tests/support/files.hpp"

#include <doctest/doctest.h>

#include <map>

using namespace pfms::test;

namespace {

const std::vector<std::string> erins_text{"Luigi trattoria", "quackdoctor_dinners", "Quentin Quux",
                                          "Opera tickets", "Uncle Quentin"};

std::string expense_body(const person& payer, const person& other, const std::string& description,
                         const std::string& category, std::int64_t amount) {
  return R"({"amount_minor":)" + std::to_string(amount) + R"(,"currency":"EUR","description":")"
         + description + R"(","category":")" + category + R"(","paid_by":[{"user_id":")"
         + payer.id + R"(","amount_minor":)" + std::to_string(amount)
         + R"(}],"split":{"method":"equal","parts":[{"user_id":")" + payer.id
         + R"("},{"user_id":")" + other.id + R"("}]}})";
}

// The group's text as `reader` sees it, by what it is: "participant", and
// "description"/"category" of each expense id as it stands, and of the
// earlier version of an edited one ("before:" + id).
std::map<std::string, std::string> texts_of(std::uint16_t port, const std::string& path,
                                            const person& reader) {
  std::map<std::string, std::string> out;
  auto group = request(port, "GET", path, "", "", reader.token);
  auto feed = request(port, "GET", path + "/activity?limit=200", "", "", reader.token);
  if (group.status != 200 || feed.status != 200)
    return out;
  const auto members = json_of(group);
  for (const auto& m : members.at("members").as_array())
    if (m.as_object().contains("name"))
      out["participant"] = m.at("name").as_string();
  const auto items = json_of(feed);
  for (const auto& item : items.at("items").as_array()) {
    const auto& data = item.at("data");
    const auto type = item.at("type").as_string();
    auto put = [&](const boost::json::value& e, const std::string& prefix) {
      const auto id = std::string(e.at("id").as_string());
      out.try_emplace(prefix + "description:" + id, e.at("description").as_string());
      out.try_emplace(prefix + "category:" + id, e.at("category").as_string());
    };
    if (type == "ExpenseRecorded")
      put(data, "");
    if (type == "ExpenseEdited") {
      put(data.at("now"), "");
      put(data.at("before"), "before:");
    }
  }
  return out;
}

// Polls (up to 30 s) until `reader` sees the participant's name erased.
bool await_erased(std::uint16_t port, const std::string& path, const person& reader) {
  const auto start = steady::now();
  while (steady::now() - start < std::chrono::seconds(30)) {
    if (texts_of(port, path, reader)["participant"] == "[erased]")
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

struct shared {
  std::string path;    ///< the group's
  std::string dinner;  ///< the id of Erin's expense
};

// A group of `erin` and `bea` with a participant Erin named and an expense
// she described.
shared shared_group(std::uint16_t port, const person& erin, const person& bea) {
  auto created = post(port, erin, "/social/groups", R"({"name":"Trip","currency":"EUR"})");
  REQUIRE(created.status == 201);
  const auto path = "/social/groups/" + text(json_of(created), "id");
  REQUIRE(post(port, erin, path + "/members", R"({"user_id":")" + bea.id + "\"}").status == 201);
  REQUIRE(post(port, bea, path + "/join", "").status == 200);
  REQUIRE(post(port, erin, path + "/members", R"({"name":"Quentin Quux"})").status == 201);
  auto dinner = post(port, erin, path + "/expenses",
                     expense_body(erin, bea, "Luigi trattoria", "quackdoctor_dinners", 900));
  REQUIRE(dinner.status == 201);
  return {path, text(json_of(dinner), "id")};
}

client_response erase(std::uint16_t port, const person& who) {
  return request(port, "DELETE", "/user/me", R"({"password":"correct horse"})",
                 "application/json", who.token);
}

} // namespace

TEST_CASE("erasure makes the group text the person wrote unreadable, and only theirs") {
  temp_dir dir;
  const auto data = dir.sub("data");
  {
    node_process node(data);
    const auto port = node.port();
    REQUIRE(port != 0);
    const auto erin = join_pfms(port, "erin@example.org");
    const auto bea = join_pfms(port, "bea@example.org");
    const auto [path, luigi] = shared_group(port, erin, bea);
    auto before = texts_of(port, path, bea);
    CHECK(before["participant"] == "Quentin Quux");
    CHECK(before["description:" + luigi] == "Luigi trattoria");
    auto t = post(port, bea, path + "/expenses", expense_body(bea, erin, "Taxi to the airport", "taxis", 400));
    REQUIRE(t.status == 201);
    const auto taxi = text(json_of(t), "id");
    // Bea changes only the amount of Erin's dinner: its text stays Erin's.
    REQUIRE(request(port, "PATCH", path + "/expenses/" + luigi,
                    expense_body(erin, bea, "Luigi trattoria", "quackdoctor_dinners", 1000),
                    "application/json", bea.token).status == 200);
    // Bea rewrites the text of Erin's opera: the new text is Bea's.
    auto o = post(port, erin, path + "/expenses", expense_body(erin, bea, "Opera tickets", "", 600));
    REQUIRE(o.status == 201);
    const auto opera = text(json_of(o), "id");
    REQUIRE(request(port, "PATCH", path + "/expenses/" + opera,
                    expense_body(erin, bea, "Opera, as Bea tells it", "", 600), "application/json",
                    bea.token).status == 200);
    auto balances_now = [&] {
      return json_of(request(port, "GET", path + "/balances", "", "", bea.token)).at("balances");
    };
    const auto balances = balances_now();
    // A loan from Erin to someone who is not a pfms user: only Erin sees it.
    auto loan = request(port, "POST", "/loans",
                        R"({"lender":{"user_id":")" + erin.id
                          + R"("},"borrower":{"name":"Uncle Quentin"},"currency":"EUR",)"
                            R"("principal_minor":1000,"annual_rate_bps":0,"term_months":1,)"
                            R"("first_due_on":"2030-01-01"})",
                        "application/json", erin.token);
    REQUIRE(loan.status == 201);
    CHECK(loan.body.find("Uncle Quentin") != std::string::npos);

    REQUIRE(erase(port, erin).status == 204);
    auto after = texts_of(port, path, bea);
    CHECK(after["participant"] == "[erased]");
    CHECK(after["description:" + luigi] == "[erased]");
    CHECK(after["category:" + luigi] == "[erased]");
    CHECK(after["before:description:" + opera] == "[erased]");
    CHECK(after["description:" + opera] == "Opera, as Bea tells it");
    CHECK(after["description:" + taxi] == "Taxi to the airport");
    CHECK(after["category:" + taxi] == "taxis");
    CHECK(balances_now() == balances);
    // The group goes on: Bea edits Erin's dinner, whose text stays erased.
    CHECK(request(port, "PATCH", path + "/expenses/" + luigi,
                  expense_body(erin, bea, "[erased]", "[erased]", 800), "application/json",
                  bea.token).status == 200);
    CHECK(texts_of(port, path, bea)["description:" + luigi] == "[erased]");
    CHECK(node.stop(SIGTERM) == 0);
  }
  std::string out;
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data}, out) == 0);
  // Sealed at rest, Bea's text as much as Erin's; Erin's key is gone with her.
  for (const auto& text_item : erins_text) {
    CAPTURE(text_item);
    CHECK_FALSE(any_file_contains(data, text_item));
  }
  CHECK_FALSE(any_file_contains(data, "Taxi to the airport"));
}

TEST_CASE("erasure reaches groups on other nodes, and a node that was down when it returns") {
  cluster c;
  c.start_all();
  const auto erin = c.join_on(0, "erin");
  const auto bea = c.join_on(1, "bea", 1);
  // One group on n2 and one on n3: placement decides, so groups are made until each lands.
  std::map<int, std::string> groups;
  for (int k = 0; k < 64 && groups.size() < 2; ++k) {
    const auto path = shared_group(c.port(0), erin, bea).path;
    const int holder = c.holder_of("group-" + path.substr(path.rfind('/') + 1));
    if (holder > 0)
      groups.try_emplace(holder, path);
  }
  REQUIRE(groups.size() == 2);
  CHECK(texts_of(c.port(1), groups[2], bea)["participant"] == "Quentin Quux");

  c.running[2]->stop(SIGKILL);
  REQUIRE(erase(c.port(0), erin).status == 204);
  CHECK(await_erased(c.port(1), groups[1], bea));
  auto on_n2 = texts_of(c.port(1), groups[1], bea);
  CHECK(std::count_if(on_n2.begin(), on_n2.end(),
                      [](const auto& t) { return t.second == "[erased]"; })
        == 3);

  c.start(2);
  REQUIRE(c.port(2) != 0);
  c.await_all_up();
  CHECK(await_erased(c.port(1), groups[2], bea));
  c.stop_all_and_verify();
  for (int i = 0; i < 3; ++i)
    for (const auto& text_item : erins_text) {
      CAPTURE(i);
      CAPTURE(text_item);
      CHECK_FALSE(any_file_contains(c.data(i), text_item));
    }
}
