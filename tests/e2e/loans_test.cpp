// Loans over HTTP against a real pfmsd: an offer between two users, its
// acceptance, disbursement, repayments, a what-if that writes nothing, the
// payoff; late fees and delinquency from due dates in the past; only the two
// parties see a loan; bad input changes nothing; kill -9 loses nothing.

#include "tests/e2e/loan_support.hpp"
#include "tests/e2e/node_fixture.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>

using namespace pfms::test;

namespace {

struct loan_fixture : node_fixture {
  person a = join_pfms(port, "lender@example.org");
  person b = join_pfms(port, "borrower@example.org");
  person c = join_pfms(port, "stranger@example.org");

  // A loan from a to b, accepted and disbursed today; its path.
  std::string active_loan(const std::string& extra = "") {
    auto made = post(port, a, "/loans", with_lender(offer(b, day(0), day(31), extra), a));
    REQUIRE(made.status == 201);
    const auto path = "/loans/" + text(json_of(made), "id");
    REQUIRE(post(port, b, path + "/accept", "").status == 200);
    REQUIRE(post(port, a, path + "/disburse", "").status == 200);
    return path;
  }
  std::int64_t version_of(const std::string& path) {
    return number(json_of(get(port, a, path)), "version");
  }
};

} // namespace

TEST_CASE_FIXTURE(loan_fixture, "a loan between two users: offer, acceptance, repayments, what-if, payoff") {
  REQUIRE(port != 0);
  // Due a calendar month from today: a first period of one month, a twelfth of the year.
  auto made = post(port, a, "/loans", with_lender(offer(b, day(0), month_later(1)), a));
  REQUIRE(made.status == 201);
  auto loan = json_of(made);
  CHECK(text(loan, "status") == "proposed");
  const auto path = "/loans/" + text(loan, "id");
  CHECK(made.headers["etag"] == "\"1\"");
  CHECK(made.headers["location"] == path); // the loan is at its own URL, named by `id`
  CHECK_FALSE(loan.as_object().contains("loan_id"));
  // Only the other party accepts; a third user does not see the loan at all.
  CHECK(code_of(post(port, a, path + "/accept", "")) == "not_permitted");
  const auto missing = get(port, c, "/loans/0192aaaa-aaaa-7aaa-8aaa-aaaaaaaaaaaa");
  const auto hidden = get(port, c, path);
  CHECK(hidden.status == 404);
  CHECK(code_of(hidden) == "loan_not_found");
  CHECK(json_of(hidden).at("detail") == json_of(missing).at("detail"));
  CHECK(post(port, c, path + "/accept", "").status == 404);
  CHECK(post(port, c, path + "/repayments", R"({"amount_minor":1})").status == 404);
  REQUIRE(post(port, b, path + "/accept", "").status == 200);
  CHECK(code_of(post(port, b, path + "/disburse", "")) == "not_permitted");
  REQUIRE(post(port, a, path + "/disburse", "").status == 200);
  auto schedule = json_of(get(port, b, path + "/schedule"));
  const auto& items = schedule.at("items").as_array();
  REQUIRE(items.size() == 12);
  CHECK(items[0].at("total_minor").as_int64() == 85'607);
  std::int64_t principal = 0;
  for (const auto& i : items)
    principal += i.at("principal_minor").as_int64();
  CHECK(principal == 1'000'000);
  // A repayment with an Idempotency-Key, retried: recorded once.
  const std::string key = "Idempotency-Key: \"repay-1\"\r\n";
  auto paid = post(port, b, path + "/repayments", R"({"amount_minor":85607})", key);
  REQUIRE(paid.status == 201);
  auto again = post(port, b, path + "/repayments", R"({"amount_minor":85607})", key);
  CHECK(again.status == 201);
  CHECK(json_of(again).at("version") == json_of(paid).at("version"));
  CHECK(number(json_of(paid).at("paid"), "interest_minor") == 4'167);
  // What-if: a prepayment saves interest; nothing is written.
  const auto before = get(port, a, path + "/schedule").body;
  const auto version = version_of(path);
  auto what_if = post(port, b, path + "/what-if",
                      R"({"prepayment":{"amount_minor":300000,"mode":"reduce_term"}})");
  REQUIRE(what_if.status == 200);
  CHECK(number(json_of(what_if), "interest_saved_minor") > 0);
  CHECK(json_of(what_if).at("items").as_array().size() < 12);
  auto rate = post(port, a, path + "/what-if", R"({"rate_change":{"annual_rate_bps":900,"from":")" + day(40) + "\"}}");
  REQUIRE(rate.status == 200);
  CHECK(number(json_of(rate), "interest_saved_minor") < 0);
  CHECK(version_of(path) == version);
  CHECK(get(port, a, path + "/schedule").body == before);
  // The payoff quote, paid: the loan is paid off, every cent of principal repaid.
  auto quote = json_of(get(port, b, path + "/payoff"));
  CHECK(number(quote, "principal_minor") == 1'000'000 - (85'607 - 4'167));
  auto off = post(port, b, path + "/repayments",
                  R"({"amount_minor":)" + std::to_string(number(quote, "total_minor")) + "}");
  REQUIRE(off.status == 201);
  auto done = json_of(off);
  CHECK(text(done, "status") == "paid_off");
  CHECK(number(done, "principal_outstanding_minor") == 0);
  CHECK(number(done.at("paid"), "principal_minor") == 1'000'000);
  // Lists: the lender's side and the borrower's.
  auto lent = json_of(get(port, a, "/loans?role=lender"));
  REQUIRE(lent.at("items").as_array().size() == 1);
  CHECK(json_of(get(port, a, "/loans?role=borrower")).at("items").as_array().empty());
  CHECK(json_of(get(port, c, "/loans")).at("items").as_array().empty());
  CHECK(post(port, b, path + "/close", "").status == 200);
  CHECK(text(json_of(get(port, a, path)), "status") == "closed");
}

TEST_CASE_FIXTURE(loan_fixture, "bad input gets a clear problem and changes nothing") {
  REQUIRE(port != 0);
  struct row {
    const char* name;
    std::string body;
    int status;
    const char* code;
  };
  const auto good = with_lender(offer(b, day(0), day(31)), a);
  const row offers[] = {
    {"no principal", with_lender(R"({"lender":{"user_id":"LENDER"},"borrower":{"name":"Bank"},"currency":"EUR","annual_rate_bps":1,"term_months":1,"first_due_on":")" + day(31) + "\"}", a), 422, "missing_field"},
    {"an unknown field", good.substr(0, good.size() - 1) + R"(,"colour":"red"})", 422, "unknown_field"},
    {"a bad schedule", with_lender(offer(b, day(0), day(31), R"(,"schedule":"balloon")"), a), 422, "invalid_loan_terms"},
    {"first due before start", with_lender(offer(b, day(0), day(-1)), a), 422, "invalid_loan_terms"},
    {"not a day", with_lender(offer(b, day(0), "2026-02-30"), a), 422, "invalid_date"},
    {"the caller no party", with_lender(offer(b, day(0), day(31)), c), 422, "invalid_party"},
    {"a party both user and name", R"({"lender":{"user_id":")" + a.id + R"(","name":"X"},"borrower":{"name":"Y"},"currency":"EUR","principal_minor":1,"annual_rate_bps":1,"term_months":1,"first_due_on":")" + day(31) + "\"}", 422, "invalid_party"},
    {"an unknown currency", with_lender(offer(b, day(0), day(31)), a).replace(good.find("EUR"), 3, "XXY"), 422, "unknown_currency"},
  };
  for (const auto& r : offers) {
    CAPTURE(std::string(r.name));
    auto answer = post(port, a, "/loans", r.body);
    CHECK(answer.status == r.status);
    CHECK(code_of(answer) == r.code);
  }
  auto nobody = with_lender(offer(b, day(0), day(31)), a);
  nobody.replace(nobody.find(b.id), b.id.size(), "0192cccc-cccc-7ccc-8ccc-cccccccccccc");
  auto unknown = post(port, a, "/loans", nobody);
  CHECK(unknown.status == 404);
  CHECK(code_of(unknown) == "user_not_found");
  CHECK(json_of(get(port, a, "/loans")).at("items").as_array().empty());
  const auto path = active_loan(R"(,"overpayment":"reject")");
  const auto version = version_of(path);
  const row changes[] = {
    {"/repayments", R"({"amount_minor":0})", 422, "invalid_amount"},
    {"/repayments", R"({"amount_minor":"5"})", 422, "invalid_field"},
    {"/repayments", R"({"amount_minor":100,"on":")" + day(1) + "\"}", 422, "invalid_date"},
    {"/repayments", R"({"amount_minor":100,"on":")" + day(-1) + "\"}", 422, "invalid_date"},
    {"/repayments", R"({"amount_minor":200000})", 422, "overpayment_refused"},
    {"/prepayments", R"({"amount_minor":100,"mode":"sideways"})", 422, "invalid_loan_terms"},
    {"/prepayments", R"({"amount_minor":2000000,"mode":"reduce_term"})", 422, "exceeds_balance"},
    {"/rate-changes", R"({"annual_rate_bps":-7,"from":")" + day(9) + "\"}", 422, "invalid_loan_terms"},
    {"/disburse", "", 409, "loan_state_conflict"},
    {"/close", "", 409, "loan_state_conflict"},
    {"/accept", R"({"x":1})", 422, "unknown_field"},
    {"/what-if", R"({})", 422, "invalid_field"},
  };
  for (const auto& r : changes) {
    CAPTURE(std::string(r.name) + " " + r.body);
    auto answer = post(port, b, path + r.name, r.body);
    CHECK(answer.status == r.status);
    CHECK(code_of(answer) == r.code);
  }
  CHECK(code_of(post(port, b, path + "/rate-changes", R"({"annual_rate_bps":700,"from":")" + day(9) + "\"}")) == "not_permitted");
  CHECK(code_of(post(port, a, path + "/rate-changes", R"({"annual_rate_bps":700,"from":")" + day(0) + "\"}")) == "invalid_date");
  CHECK(code_of(post(port, a, path + "/prepayments", R"({"amount_minor":100,"mode":"reduce_term"})")) == "not_permitted");
  CHECK(code_of(post(port, a, path + "/write-off", "", "If-Match: \"1\"\r\n")) == "precondition_failed");
  CHECK(post(port, a, path + "/write-off", "", "If-Match: \"1\"\r\n").status == 412);
  // A third user naming a stale version hears what it hears without one: no such loan.
  auto guessed = post(port, c, path + "/write-off", "", "If-Match: \"1\"\r\n");
  CHECK((guessed.status == 404 && code_of(guessed) == "loan_not_found"));
  CHECK(get(port, a, path + "/payoff?on=2026-13-01").status == 422);
  CHECK(get(port, a, path + "/payoff?on=" + day(-3)).status == 422);
  CHECK(get(port, a, "/loans?limit=0").status == 400);
  CHECK(get(port, a, "/loans?role=owner").status == 400);
  CHECK(get(port, a, "/loans/not-a-loan").status == 404);
  CHECK(request(port, "POST", path + "/repayments", "amount=5", "text/plain", b.token).status == 415);
  CHECK(version_of(path) == version);
  CHECK(get(port, a, "/livez").status == 200);
}

TEST_CASE_FIXTURE(loan_fixture, "due dates in the past: late fees by policy, days past due, and nothing lost to kill -9") {
  REQUIRE(port != 0);
  // Installments fell due 70, about 40 and about 10 days ago; the fourth is ahead.
  auto made = post(port, a, "/loans", with_lender(offer(b, day(-90), day(-70),
                                                        R"(,"late_fee":{"fee_minor":500,"grace_days":5})"), a));
  REQUIRE(made.status == 201);
  const auto path = "/loans/" + text(json_of(made), "id");
  REQUIRE(post(port, b, path + "/accept", "").status == 200);
  REQUIRE(post(port, a, path + "/disburse", R"({"on":")" + day(-90) + "\"}").status == 200);
  // The due-date timer charges the three fees on its own, once each.
  boost::json::value loan;
  for (int i = 0; i < 100; ++i) {
    loan = json_of(get(port, b, path));
    if (number(loan, "fees_outstanding_minor") == 1'500)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(number(loan, "fees_outstanding_minor") == 1'500);
  CHECK(number(loan, "days_past_due") == 70);
  CHECK(text(loan, "delinquency") == "61-90");
  // A repayment pays the fees first, then interest; acknowledged, then kill -9.
  auto paid = post(port, b, path + "/repayments", R"({"amount_minor":2000})");
  REQUIRE(paid.status == 201);
  CHECK(number(json_of(paid), "fees_outstanding_minor") == 0);
  CHECK(number(json_of(paid).at("paid"), "interest_minor") == 500);
  const auto version = number(json_of(paid), "version");
  const auto data = dir.sub("data");
  REQUIRE(node.stop(SIGKILL) == 128 + SIGKILL);
  node_process again(data);
  REQUIRE(again.port() != 0);
  auto after = json_of(get(again.port(), b, path));
  CHECK(number(after, "version") == version);
  CHECK(number(after.at("paid"), "fees_minor") == 1'500);
  CHECK(number(after, "fees_outstanding_minor") == 0); // no fee charged twice after the restart
  CHECK(number(after, "days_past_due") == 70);
  std::string out;
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data}, out) == 0);
  std::string replay;
  REQUIRE(run_tool("PFMSCTL", {"replay", "--data-dir", data, "--stream",
                               "loan-" + text(json_of(made), "id")}, replay) == 0);
  auto replayed = boost::json::parse(replay);
  CHECK(number(replayed.at("state"), "fees_outstanding_minor") == 0);
  CHECK(replayed.at("state").at("schedule").as_array().size() == 12);
}

TEST_CASE_FIXTURE(loan_fixture, "30/360 loans charge a first period by its length") {
  REQUIRE(port != 0);
  // 10,000.00 at 5 %: a calendar month charges 41.67. 25 days count 24 to 27
  // 30E/360 days, 59 days 57 to 60: less than a month, and more.
  const auto first_interest = [&](int days) {
    auto made = post(port, a, "/loans", with_lender(offer(b, day(0), day(days)), a));
    REQUIRE(made.status == 201);
    const auto path = "/loans/" + text(json_of(made), "id");
    REQUIRE(post(port, b, path + "/accept", "").status == 200);
    REQUIRE(post(port, a, path + "/disburse", "").status == 200);
    const auto schedule = json_of(get(port, b, path + "/schedule"));
    const auto& first = schedule.at("items").as_array().at(0);
    const auto interest = first.at("interest_minor").as_int64();
    // The first installment paid on the disbursement day pays that interest.
    auto paid = post(port, b, path + "/repayments",
                     R"({"amount_minor":)" + std::to_string(first.at("total_minor").as_int64()) + "}");
    REQUIRE(paid.status == 201);
    CHECK(number(json_of(paid).at("paid"), "interest_minor") == interest);
    return interest;
  };
  const auto short_one = first_interest(25);
  CHECK(short_one >= 3'333);
  CHECK(short_one <= 3'750);
  const auto long_one = first_interest(59);
  CHECK(long_one >= 7'917);
  CHECK(long_one <= 8'333);
}

TEST_CASE_FIXTURE(loan_fixture, "net worth includes loans: a receivable for the lender, a liability for the borrower") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(open_account_http(port, a.token, 50'000).empty());
  REQUIRE_FALSE(open_account_http(port, b.token, 2'000).empty());
  auto worth = [&](const person& who) { return json_of(get(port, who, "/finance/reports/net-worth")); };
  // An offer owes nothing yet.
  REQUIRE(post(port, a, "/loans", with_lender(offer(b, day(0), day(31)), a)).status == 201);
  CHECK(number(worth(a), "total_minor") == 50'000);
  CHECK(worth(a).at("loans").as_array().empty());
  // Once disbursed (outside the ledger: the accounts do not move), the
  // principal outstanding counts: 1,000,000 owed to a, by b.
  const auto path = active_loan();
  const auto lender = worth(a);
  CHECK(number(lender, "total_minor") == 1'050'000);
  CHECK(lender.at("complete").as_bool());
  const auto& line = lender.at("by_currency").as_array().at(0);
  CHECK(number(line, "accounts_minor") == 50'000);
  CHECK(number(line, "loans_minor") == 1'000'000);
  REQUIRE(lender.at("loans").as_array().size() == 1);
  CHECK(text(lender.at("loans").as_array().at(0), "role") == "lender");
  CHECK("/loans/" + text(lender.at("loans").as_array().at(0), "loan_id") == path);
  CHECK(number(worth(b), "total_minor") == 2'000 - 1'000'000);
  CHECK(number(worth(c), "total_minor") == 0);
  // A repayment lowers both sides by the principal it repaid.
  const auto first = json_of(get(port, b, path + "/schedule")).at("items").as_array().at(0);
  REQUIRE(post(port, b, path + "/repayments",
               R"({"amount_minor":)" + std::to_string(first.at("total_minor").as_int64()) + "}")
            .status == 201);
  const auto principal = first.at("principal_minor").as_int64();
  CHECK(number(worth(a), "total_minor") == 1'050'000 - principal);
  CHECK(number(worth(b), "total_minor") == 2'000 - 1'000'000 + principal);
}
