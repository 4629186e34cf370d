// A loan's disbursement through the ledger against a real pfmsd: the borrower
// names a receiving account, the lender disburses from an account, and the
// principal moves once between the two users' accounts. Bad accounts change
// nothing; a SIGKILL at any step of the saga finishes after the restart,
// exactly once.

#include "tests/e2e/loan_support.hpp"
#include "tests/e2e/node_fixture.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <memory>
#include <thread>

using namespace pfms::test;

namespace {

constexpr std::int64_t principal = 1'000'000; // the loan_support offer's

std::int64_t balance_of(std::uint16_t port, const person& who, const std::string& account) {
  return number(json_of(get_account_http(port, account, who.token)), "balance_minor");
}

std::string disburse_body(const std::string& from) {
  return R"({"from_account_id":")" + from + "\"}";
}

std::string accept_body(const std::string& account) {
  return R"({"receiving_account_id":")" + account + "\"}";
}

const char* const key = "Idempotency-Key: \"disburse-1\"\r\n";

// Two users with accounts and an offer from the lender `a` to `b`.
struct parties {
  std::uint16_t port;
  person a = join_pfms(port, "lender@example.org");
  person b = join_pfms(port, "borrower@example.org");
  std::string rich = open_account_http(port, a.token, 3 * principal);
  std::string receiving = open_account_http(port, b.token, 0);

  // A loan offered by a, accepted by b naming `receiving`; its path.
  std::string accepted_loan() {
    auto made = post(port, a, "/loans", with_lender(offer(b, day(0), day(31)), a));
    REQUIRE(made.status == 201);
    const auto path = "/loans/" + text(json_of(made), "id");
    REQUIRE(post(port, b, path + "/accept", accept_body(receiving)).status == 200);
    return path;
  }
};

struct ledger_fixture : node_fixture {
  parties p{port};
};

// Where the loan's disbursement stands once the restarted node finished it
// (the saga runs on its own after the start; bounded: 10 s).
std::string disbursement_status(std::uint16_t port, const person& who, const std::string& path) {
  std::string status;
  for (int i = 0; i < 200; ++i) {
    auto loan = json_of(get(port, who, path));
    if (loan.as_object().contains("disbursement"))
      status = text(loan.at("disbursement"), "status");
    if (status == "completed")
      return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return status;
}

} // namespace

TEST_CASE_FIXTURE(ledger_fixture, "the borrower's receiving account must be the borrower's, open, in the loan's currency") {
  REQUIRE(port != 0);
  auto& a = p.a;
  auto& b = p.b;
  const auto dollars = open_account_http(port, b.token, 0, "USD");
  const auto lenders = open_account_http(port, a.token, 0);
  auto made = post(port, a, "/loans", with_lender(offer(b, day(0), day(31)), a));
  REQUIRE(made.status == 201);
  const auto path = "/loans/" + text(json_of(made), "id");
  struct bad {
    const person* who;
    std::string body;
    int status;
    const char* code;
  };
  const bad cases[] = {
    {&b, accept_body(lenders), 404, "account_not_found"},
    {&b, accept_body("0192aaaa-aaaa-7aaa-8aaa-aaaaaaaaaaaa"), 404, "account_not_found"},
    {&b, accept_body(dollars), 422, "currency_mismatch"},
    {&b, R"({"receiving_account_id":7})", 422, "invalid_field"},
    {&a, accept_body(lenders), 403, "not_permitted"}, // the lender accepts nothing here
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    auto r = post(port, *c.who, path + "/accept", c.body);
    CHECK(r.status == c.status);
    CHECK(code_of(r) == c.code);
    CHECK(number(json_of(get(port, a, path)), "version") == 1);
  }
  // The borrower offering names it in the offer, checked the same way.
  auto own = with_lender(offer(b, day(0), day(31), R"(,"receiving_account_id":")" + dollars + "\""), a);
  auto refused = post(port, b, "/loans", own);
  CHECK(refused.status == 422);
  CHECK(code_of(refused) == "currency_mismatch");
  auto named = post(port, b, "/loans", with_lender(offer(b, day(0), day(31), R"(,"receiving_account_id":")" + p.receiving + "\""), a));
  CHECK(named.status == 201);
  CHECK(text(json_of(named), "receiving_account_id") == p.receiving);

  auto accepted = post(port, b, path + "/accept", accept_body(p.receiving));
  CHECK(accepted.status == 200);
  CHECK(text(json_of(accepted), "receiving_account_id") == p.receiving);
  CHECK(number(json_of(accepted), "version") == 2);
}

TEST_CASE_FIXTURE(ledger_fixture, "a disbursement through the ledger moves the principal once, lender to borrower") {
  REQUIRE(port != 0);
  auto& a = p.a;
  auto& b = p.b;
  const auto path = p.accepted_loan();
  const auto poor = open_account_http(port, a.token, principal - 1);
  const auto dollars = open_account_http(port, a.token, 5 * principal, "USD");
  struct bad {
    const person* who;
    std::string body;
    int status;
    const char* code;
  };
  const bad cases[] = {
    {&a, disburse_body(p.receiving), 404, "account_not_found"}, // the borrower's account
    {&a, disburse_body(poor), 422, "insufficient_funds"},
    {&a, disburse_body(dollars), 422, "currency_mismatch"},
    {&b, disburse_body(p.receiving), 403, "not_permitted"},
    {&a, R"({"from_account_id":true})", 422, "invalid_field"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    auto r = post(port, *c.who, path + "/disburse", c.body);
    CHECK(r.status == c.status);
    CHECK(code_of(r) == c.code);
    CHECK(number(json_of(get(port, a, path)), "version") == 2);
  }
  CHECK(balance_of(port, a, poor) == principal - 1);

  auto done = post(port, a, path + "/disburse", disburse_body(p.rich), key);
  REQUIRE(done.status == 200);
  auto loan = json_of(done);
  CHECK(text(loan, "status") == "active");
  CHECK(text(loan.at("disbursement"), "status") == "completed");
  CHECK(text(loan.at("disbursement"), "from_account_id") == p.rich);
  CHECK(text(loan.at("disbursement"), "to_account_id") == p.receiving);
  const auto transfer = text(loan.at("disbursement"), "transfer_id");
  CHECK(balance_of(port, a, p.rich) == 2 * principal);
  CHECK(balance_of(port, b, p.receiving) == principal);
  // The lender sees the transfer; the borrower sees the loan's disbursement.
  CHECK(text(json_of(get(port, a, "/finance/transfers/" + transfer)), "status") == "completed");
  CHECK(text(json_of(get(port, b, path)).at("disbursement"), "transfer_id") == transfer);

  // A retry answers the same disbursement and moves nothing; another one is refused.
  auto retry = post(port, a, path + "/disburse", disburse_body(p.rich), key);
  CHECK(retry.status == 200);
  CHECK(text(json_of(retry).at("disbursement"), "transfer_id") == transfer);
  auto again = post(port, a, path + "/disburse", disburse_body(p.rich));
  CHECK(again.status == 409);
  CHECK(code_of(again) == "loan_state_conflict");
  CHECK(balance_of(port, a, p.rich) == 2 * principal);
  CHECK(balance_of(port, b, p.receiving) == principal);
  CHECK(stream_types(node.admin_port(), read_admin_token(dir.sub("data")), "loan-" + path.substr(7))
        == std::vector<std::string>{"LoanOriginated", "LoanAccepted", "DisbursementRequested",
                                    "LoanDisbursed"});
}

TEST_CASE_FIXTURE(ledger_fixture, "without a receiving account a disbursement through the ledger is refused") {
  REQUIRE(port != 0);
  auto made = post(port, p.a, "/loans", with_lender(offer(p.b, day(0), day(31)), p.a));
  const auto path = "/loans/" + text(json_of(made), "id");
  REQUIRE(post(port, p.b, path + "/accept", "").status == 200);
  auto r = post(port, p.a, path + "/disburse", disburse_body(p.rich));
  CHECK(r.status == 409);
  CHECK(code_of(r) == "receiving_account_missing");
  CHECK(number(json_of(get(port, p.a, path)), "version") == 2);
  CHECK(balance_of(port, p.a, p.rich) == 3 * principal);
}

TEST_CASE_FIXTURE(ledger_fixture, "a transfer the borrower's account refuses leaves the loan accepted and moves nothing") {
  REQUIRE(port != 0);
  const auto path = p.accepted_loan();
  // Closed after it was named: the transfer saga's destination refuses.
  REQUIRE(post(port, p.b, "/finance/accounts/" + p.receiving + "/close", "").status == 200);
  auto refused = post(port, p.a, path + "/disburse", disburse_body(p.rich), key);
  CHECK(refused.status == 422);
  CHECK(code_of(refused) == "disbursement_refused");
  auto loan = json_of(get(port, p.a, path));
  CHECK(text(loan, "status") == "accepted");
  CHECK(text(loan.at("last_disbursement_failure"), "reason") == "account_closed");
  CHECK_FALSE(loan.as_object().contains("disbursement"));
  CHECK(balance_of(port, p.a, p.rich) == 3 * principal);
  // Its retry answers the same refusal and writes nothing more.
  const auto version = number(loan, "version");
  CHECK(code_of(post(port, p.a, path + "/disburse", disburse_body(p.rich), key)) == "disbursement_refused");
  CHECK(number(json_of(get(port, p.a, path)), "version") == version);
  CHECK(stream_types(node.admin_port(), read_admin_token(dir.sub("data")), "loan-" + path.substr(7))
        == std::vector<std::string>{"LoanOriginated", "LoanAccepted", "DisbursementRequested",
                                    "DisbursementFailed"});
}

TEST_CASE("a disbursement interrupted by SIGKILL at any step finishes after the restart, exactly once") {
  for (const char* failpoint :
       {"loan_after_disbursement_request", "transfer_after_hold", "transfer_after_credit",
        "loan_after_transfer"}) {
    const std::string step = failpoint;
    CAPTURE(step);
    temp_dir dir;
    const auto data = dir.sub("data");
    auto node = std::make_unique<node_process>(data, std::vector<std::string>{
                                                       std::string("PFMS_FAILPOINT=") + failpoint});
    REQUIRE(node->port() != 0);
    parties p{node->port()};
    const auto path = p.accepted_loan();
    auto cut = post(node->port(), p.a, path + "/disburse", disburse_body(p.rich), key);
    CHECK(cut.status == 0); // the node died before it could answer
    CHECK(node->stop(SIGKILL) == 128 + SIGKILL);

    node = std::make_unique<node_process>(data);
    REQUIRE(node->port() != 0);
    const auto port = node->port();
    CHECK(disbursement_status(port, p.a, path) == "completed");
    CHECK(text(json_of(get(port, p.b, path)), "status") == "active");
    CHECK(balance_of(port, p.a, p.rich) == 2 * principal);
    CHECK(balance_of(port, p.b, p.receiving) == principal);
    CHECK(stream_types(node->admin_port(), read_admin_token(data), "account-" + p.receiving)
          == std::vector<std::string>{"AccountOpened", "TransferCredited"});
    // The client's retry answers the disbursement and moves nothing.
    auto retry = post(port, p.a, path + "/disburse", disburse_body(p.rich), key);
    CHECK(retry.status == 200);
    CHECK(balance_of(port, p.a, p.rich) == 2 * principal);
    node->stop(SIGTERM);
    std::string out;
    CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data}, out) == 0);
  }
}
