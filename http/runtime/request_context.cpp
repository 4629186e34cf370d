#include "http/runtime/request_context.hpp"

#include "http/runtime/responses.hpp"

namespace pfms {

command_context context_of(const http_request& request, std::uint64_t if_version) {
  return {request.caller_id, request.request_id,       request.idempotency_key,
          request.request_fingerprint, if_version, request.deadline_us};
}

command_context versioned_context_of(const http_request& request) {
  auto version = if_match_version(request.if_match);
  return context_of(request, version ? *version : 0);
}

} // namespace pfms
