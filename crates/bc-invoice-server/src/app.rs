//! The routes: the API described in `openapi.json`, the page, health, readiness and metrics.

// The error of these helpers is the response to send, made on the error path only: its size does not
// matter, and boxing it would only add an allocation.
#![allow(clippy::result_large_err)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State as Extract};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bc_invoice_validate::render::{self, JsonReport};
use bc_invoice_validate::{DocumentKind, RuleId, RuleLevel, RuleSet, Validator};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::Serialize;
use serde_json::json;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::ops::{self, Metrics};

/// The API's description, checked in beside `Cargo.toml` and served as it is.
pub const OPENAPI: &str = include_str!("../openapi.json");
/// The page, with `/*DATA*/` where the kinds and rules go.
const PAGE: &str = include_str!("page.html");
/// Bodies up to this size are validated on the request's own task; larger ones on the blocking pool,
/// so that a 1 MiB document does not hold up the connections sharing a worker thread.
const INLINE_LIMIT: usize = 64 * 1024;

/// The service's settings.
#[derive(Debug)]
pub struct Config {
    /// The largest body read, in bytes.
    pub body_limit: usize,
    /// How long a body may take to arrive once the headers are in.
    pub body_timeout: Duration,
    /// Validation requests handled at once.
    pub max_concurrent: usize,
    /// The bearer token, if one is required.
    pub token: Option<Vec<u8>>,
    /// Whether `POST /internal/floor` is served.
    pub floor_route: bool,
}

/// What every request shares.
#[derive(Debug)]
pub struct State {
    /// The settings.
    pub config: Config,
    /// Counters for `/metrics`.
    pub metrics: Metrics,
    /// Set once a shutdown signal came: `/readyz` answers 503.
    pub draining: AtomicBool,
    /// Validations at once: a permit is taken once the body is in.
    permits: Arc<Semaphore>,
    /// Bytes of request bodies in hand, being read or validated: `max_concurrent × body_limit` permits,
    /// one a byte, taken as the bytes arrive. Slow clients hold only what they have sent, so a crowd of
    /// them trickling bodies cannot keep the others from the validation slots.
    body_budget: Arc<Semaphore>,
    page: String,
    /// The page's Content-Security-Policy, naming its one script and one style by their hashes.
    page_policy: String,
    kinds: String,
    rules: String,
}

/// The state as handlers get it.
pub type SharedState = Arc<State>;

/// What a validation found, for the log line and the metrics (never a value of the document).
#[derive(Debug, Clone, Copy)]
pub struct Outcome {
    /// The kind checked against; `None` when it could not be detected.
    pub kind: Option<&'static str>,
    /// Whether the document has no errors.
    pub valid: bool,
}

impl Outcome {
    /// `valid` or `invalid`.
    pub fn verdict(&self) -> &'static str {
        if self.valid { "valid" } else { "invalid" }
    }
}

/// One document kind as `GET /v1/kinds` lists it.
#[derive(Serialize)]
struct KindEntry {
    id: &'static str,
    title: &'static str,
    endpoint: Option<&'static str>,
    detectable: bool,
}

impl State {
    /// The state for these settings; renders the page and the fixed answers once.
    pub fn new(config: Config) -> Self {
        let kinds: Vec<KindEntry> = DocumentKind::ALL
            .iter()
            .map(|kind| KindEntry {
                id: kind.as_str(),
                title: kind.title(),
                endpoint: kind.endpoint(),
                detectable: kind.is_detectable(),
            })
            .collect();
        let kinds = render::pretty_escaped(&kinds, 0);
        let rules = render::pretty_escaped(&render::rules(&RuleSet::default()), 0);
        // The member names the schema declares: with redaction on, the page masks every other string
        // of a source line, as the command's `--redact` does.
        let members = render::pretty_escaped(bc_invoice_validate::declared_members(), 0);
        // Inside a <script> element, `<` is written as an escape so that no text can close it.
        let data = format!("{{\"kinds\": {kinds}, \"rules\": {rules}, \"members\": {members}}}")
            .replace('<', "\\u003c");
        let page = PAGE.replace("/*DATA*/", &data);
        State {
            permits: Arc::new(Semaphore::new(config.max_concurrent)),
            body_budget: Arc::new(Semaphore::new(
                config
                    .max_concurrent
                    .saturating_mul(config.body_limit)
                    .min(Semaphore::MAX_PERMITS),
            )),
            config,
            metrics: Metrics::default(),
            draining: AtomicBool::new(false),
            page_policy: page_policy(&page),
            page,
            kinds,
            rules,
        }
    }
}

/// Every route, with the token check on `/v1/`, `/metrics` and the floor, and logs and metrics around all.
pub fn router(state: SharedState) -> Router {
    let mut guarded = Router::new()
        .route("/v1/validate", post(validate_detected))
        .route("/v1/validate/{kind}", post(validate_kind))
        .route("/v1/kinds", get(kinds))
        .route("/v1/rules", get(rules))
        .route("/metrics", get(metrics));
    if state.config.floor_route {
        guarded = guarded
            .route("/internal/floor", post(floor))
            .route("/internal/floor/read", post(floor_read));
    }
    let guarded = guarded.route_layer(middleware::from_fn_with_state(state.clone(), authorize));
    Router::new()
        .route("/", get(page))
        .route("/openapi.json", get(openapi))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .merge(guarded)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), ops::observe))
        .with_state(state)
}

/// An RFC 9457 problem: `application/problem+json` with the status, its phrase, what was wrong and,
/// for a bad query parameter, which one and its value.
pub fn problem(status: StatusCode, detail: &str, parameter: Option<(&str, &str)>) -> Response {
    let mut body = json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail,
    });
    if let Some((name, value)) = parameter {
        body["parameter"] = name.into();
        body["value"] = value.into();
    }
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        render::pretty_escaped(&body, 0),
    )
        .into_response()
}

async fn authorize(Extract(state): Extract<SharedState>, request: Request, next: Next) -> Response {
    if let Some(expected) = &state.config.token {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .map(|value| value.as_bytes())
            .and_then(|value| {
                // The scheme is case-insensitive (RFC 9110, 11.1), and one or more spaces follow it
                // (RFC 6750, 2.1: `"Bearer" 1*SP b64token`); the token, trimmed of its file's
                // whitespace, starts with none.
                let rest = value
                    .get(..6)
                    .filter(|scheme| scheme.eq_ignore_ascii_case(b"bearer"))
                    .map(|_| &value[6..])?;
                let spaces = rest.iter().take_while(|&&b| b == b' ').count();
                (spaces > 0).then(|| &rest[spaces..])
            })
            .unwrap_or(b"");
        if !ops::token_matches(expected, given) {
            let mut response = problem(
                StatusCode::UNAUTHORIZED,
                "this server requires an Authorization: Bearer token",
                None,
            );
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
            return response;
        }
    }
    next.run(request).await
}

/// The options of a validation, from the query: `strict`, `redact`, and `deny`, `warn`, `allow` in the
/// order given (a later one wins, as on the command line).
struct Options {
    strict: bool,
    redact: bool,
    rules: Option<RuleSet>,
}

fn options(uri: &Uri, flags: bool) -> Result<Options, Response> {
    let mut options = Options {
        strict: false,
        redact: false,
        rules: None,
    };
    let Some(query) = uri.query() else {
        return Ok(options);
    };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    for (name, value) in &pairs {
        let level = match name.as_str() {
            "deny" => RuleLevel::Deny,
            "warn" => RuleLevel::Warn,
            "allow" => RuleLevel::Allow,
            "strict" | "redact" if flags => {
                let on = match value.as_str() {
                    "" | "true" | "1" => true,
                    "false" | "0" => false,
                    _ => {
                        return Err(problem(
                            StatusCode::BAD_REQUEST,
                            &format!("{name} takes true or false, not {value:?}"),
                            Some((name, value)),
                        ));
                    }
                };
                if name == "strict" {
                    options.strict = on;
                } else {
                    options.redact = on;
                }
                continue;
            }
            _ => {
                let expected = if flags {
                    "strict, redact, deny, warn, allow"
                } else {
                    "deny, warn, allow"
                };
                return Err(problem(
                    StatusCode::BAD_REQUEST,
                    &format!("unknown query parameter {name:?}; expected {expected}"),
                    Some((name, value)),
                ));
            }
        };
        // The edge where a rule's name becomes a `RuleId`.
        let rules = options.rules.get_or_insert_with(RuleSet::default);
        match value.as_str() {
            "all" => rules.set_all(level),
            id => match id.parse::<RuleId>() {
                Ok(id) => rules.set(id, level),
                Err(e) => {
                    return Err(problem(
                        StatusCode::BAD_REQUEST,
                        &e.to_string(),
                        Some((name, value)),
                    ));
                }
            },
        }
    }
    Ok(options)
}

/// The body, up to the limit and within the body timeout, with its bytes' share of the body budget
/// (held until the response is made). A declared length over the limit is refused before a byte of the
/// body is read; a chunked body is read until it passes the limit; a body that would take the budget
/// past its end gets 503, as a validation past the limit does.
async fn read_body(
    state: &State,
    headers: &HeaderMap,
    body: Body,
) -> Result<(Bytes, OwnedSemaphorePermit), Response> {
    let limit = state.config.body_limit;
    let closing = |mut response: Response| {
        // The rest of the body is not read: the connection cannot carry another request.
        response.headers_mut().insert(
            header::CONNECTION,
            header::HeaderValue::from_static("close"),
        );
        response
    };
    let too_large = || {
        closing(problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the body is over the limit of {limit} bytes"),
            None,
        ))
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    let budget = &state.body_budget;
    let Ok(mut held) = budget.clone().try_acquire_many_owned(0) else {
        return Err(busy(state));
    };
    let read = async {
        let mut body = Limited::new(body, limit);
        // The body as its one frame while it has one (no copy), else copied into one buffer as the
        // frames come. Kept as frames, a body sent in one-byte chunks would hold a frame's handle, and a
        // share of hyper's read buffer, for every byte: tens of times its size, which the budget (of
        // the body's bytes) does not see.
        let mut first: Option<Bytes> = None;
        let mut joined: Vec<u8> = Vec::new();
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| {
                if e.is::<LengthLimitError>() {
                    too_large()
                } else if hung_up(&*e) {
                    // No client is left to read an answer: the request is logged and counted as one whose
                    // client closed it (499), not as a bad one (400).
                    client_closed()
                } else {
                    problem(StatusCode::BAD_REQUEST, "the body could not be read", None)
                }
            })?;
            let Ok(data) = frame.into_data() else {
                continue;
            };
            if data.is_empty() {
                continue;
            }
            // A frame is at most the limit, itself at most the budget.
            let share = u32::try_from(data.len())
                .ok()
                .and_then(|bytes| budget.clone().try_acquire_many_owned(bytes).ok());
            match share {
                Some(share) => held.merge(share),
                None => return Err(closing(busy(state))),
            }
            if first.is_none() && joined.is_empty() {
                first = Some(data);
                continue;
            }
            if let Some(previous) = first.take() {
                // Sized by the bytes received, not by a declared length: a client that declares the
                // limit and then sends a byte a minute must not hold the limit's memory, which the
                // budget (of bytes received) does not count. The buffer doubles as it grows.
                joined.reserve(previous.len() + data.len());
                joined.extend_from_slice(&previous);
            }
            joined.extend_from_slice(&data);
        }
        Ok(first.unwrap_or_else(|| Bytes::from(joined)))
    };
    match tokio::time::timeout(state.config.body_timeout, read).await {
        Ok(Ok(bytes)) => Ok((bytes, held)),
        Ok(Err(response)) => Err(response),
        Err(_) => Err(closing(problem(
            StatusCode::REQUEST_TIMEOUT,
            &format!(
                "the body did not arrive within {} seconds",
                state.config.body_timeout.as_secs_f64()
            ),
            None,
        ))),
    }
}

/// Whether a body's error is its client gone: the connection reset or aborted while the body came. A
/// connection merely closed by the client before the body's end (`FIN`, hyper's incomplete message) is not:
/// a client that shuts down its sending side may still read the answer, `400`.
fn hung_up(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(error);
    while let Some(error) = next {
        if let Some(error) = error.downcast_ref::<std::io::Error>()
            && matches!(
                error.kind(),
                std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted
            )
        {
            return true;
        }
        next = error.source();
    }
    false
}

/// The answer to a request whose client hung up while sending its body: no one receives it, and its status
/// is what the log and the metrics show, [`ops::CLIENT_CLOSED_REQUEST`] (499), as for a request dropped
/// before its answer was ready.
fn client_closed() -> Response {
    let mut response = StatusCode::from_u16(ops::CLIENT_CLOSED_REQUEST)
        .unwrap_or(StatusCode::BAD_REQUEST)
        .into_response();
    response.headers_mut().insert(
        header::CONNECTION,
        header::HeaderValue::from_static("close"),
    );
    response
}

/// 503 with Retry-After: every validation slot, or the whole body budget, is taken.
fn busy(state: &State) -> Response {
    let mut response = problem(
        StatusCode::SERVICE_UNAVAILABLE,
        &format!(
            "the server is at its limit ({} validations at once, {} bytes of bodies in hand); retry shortly",
            state.config.max_concurrent,
            state
                .config
                .max_concurrent
                .saturating_mul(state.config.body_limit)
        ),
        None,
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    response
}

/// A permit to validate, or 503 with Retry-After when every one is taken.
fn permit(state: &State) -> Result<OwnedSemaphorePermit, Response> {
    state
        .permits
        .clone()
        .try_acquire_owned()
        .map_err(|_| busy(state))
}

async fn validate_detected(Extract(state): Extract<SharedState>, request: Request) -> Response {
    validate(state, None, request).await
}

async fn validate_kind(
    Extract(state): Extract<SharedState>,
    kind: Result<Path<String>, PathRejection>,
    request: Request,
) -> Response {
    let kind = match kind {
        Ok(Path(kind)) => kind,
        // A kind that is not UTF-8 once percent-decoded (`%FF`) names no kind; the value is the segment as
        // the request wrote it, percent-encoded, so ASCII.
        Err(_) => {
            let written = request
                .uri()
                .path()
                .strip_prefix("/v1/validate/")
                .unwrap_or_default()
                .to_owned();
            return problem(
                StatusCode::BAD_REQUEST,
                "the kind is not UTF-8 once percent-decoded",
                Some(("kind", &written)),
            );
        }
    };
    match kind.parse::<DocumentKind>() {
        Ok(kind) => validate(state, Some(kind), request).await,
        Err(e) => problem(
            StatusCode::BAD_REQUEST,
            &e.to_string(),
            Some(("kind", &kind)),
        ),
    }
}

/// Reads the document and answers with its report: the command's `--format json` entry for one file.
/// The Content-Type is not consulted: whatever the body is, it is checked as the document. The request
/// is taken whole, its head borrowed: extracting the headers and the URI would clone them.
async fn validate(state: SharedState, kind: Option<DocumentKind>, request: Request) -> Response {
    let (head, body) = request.into_parts();
    let options = match options(&head.uri, true) {
        Ok(options) => options,
        Err(response) => return response,
    };
    // The body first, then a validation slot: a client slow to send its body holds no slot.
    let (bytes, held) = match read_body(&state, &head.headers, body).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let permit = match permit(&state) {
        Ok(permit) => permit,
        Err(response) => return response,
    };
    let inline = bytes.len() <= INLINE_LIMIT;
    let check = move || {
        // The slot and the body's bytes are the check's, not the request's: a client that hangs up drops
        // the request (hyper drops its future) but not a check under way on the blocking pool, which
        // must go on counting against `--max-concurrent` and the body budget until it ends.
        let (_permit, _held) = (permit, held);
        let report = match (options.strict, options.rules) {
            (false, None) => bc_invoice_validate::validate(kind, &bytes),
            (strict, rules) => Validator::new()
                .strict(strict)
                .rules(rules.unwrap_or_default())
                .validate(kind, &bytes),
        };
        let json = JsonReport::new(&report, options.redact);
        let outcome = Outcome {
            kind: json.kind,
            valid: json.valid,
        };
        (outcome, json.to_json_pretty(0))
    };
    let (outcome, text) = if inline {
        check()
    } else {
        match tokio::task::spawn_blocking(check).await {
            Ok(done) => done,
            Err(_) => {
                return problem(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the validation failed",
                    None,
                );
            }
        }
    };
    (
        [(header::CONTENT_TYPE, "application/json")],
        axum::Extension(outcome),
        text,
    )
        .into_response()
}

/// The benchmark's floor: the body read under the same limits, budget and permits, then a fixed 200.
async fn floor(Extract(state): Extract<SharedState>, request: Request) -> Response {
    fixed_answer(&state, request, false).await
}

/// The benchmark's second floor: as [`floor`], and the body read as JSON by serde_json into
/// `IgnoredAny`, the least any validator of the document must do, then the same fixed 200 whatever it
/// held. What validation can reach at best, measured in the same run.
async fn floor_read(Extract(state): Extract<SharedState>, request: Request) -> Response {
    fixed_answer(&state, request, true).await
}

/// The floors' work: the body read under the route's limits, budget and permit, read as JSON too when
/// `read_json`, and a fixed 200.
async fn fixed_answer(state: &State, request: Request, read_json: bool) -> Response {
    let (head, body) = request.into_parts();
    let (bytes, _held) = match read_body(state, &head.headers, body).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    match permit(state) {
        Ok(_permit) => {
            if read_json {
                std::hint::black_box(
                    serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).is_ok(),
                );
            }
            ([(header::CONTENT_TYPE, "text/plain")], "ok\n").into_response()
        }
        Err(response) => response,
    }
}

async fn kinds(Extract(state): Extract<SharedState>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        state.kinds.clone(),
    )
        .into_response()
}

async fn rules(Extract(state): Extract<SharedState>, uri: Uri) -> Response {
    match options(&uri, false) {
        Ok(Options { rules: None, .. }) => (
            [(header::CONTENT_TYPE, "application/json")],
            state.rules.clone(),
        )
            .into_response(),
        Ok(Options {
            rules: Some(rules), ..
        }) => (
            [(header::CONTENT_TYPE, "application/json")],
            render::pretty_escaped(&render::rules(&rules), 0),
        )
            .into_response(),
        Err(response) => response,
    }
}

/// The page's Content-Security-Policy: nothing loaded from anywhere, requests to this server only, and
/// of inline code only the page's own `<script>` and `<style>` elements, named by their SHA-256 (CSP
/// Level 2's hash sources), so that markup a document's text might ever smuggle into the page (a
/// `<script>`, an `onerror` attribute, a `style` attribute) would not run or apply. The hashes are of
/// the page as served, its data filled in, so they are taken when the server starts.
fn page_policy(page: &str) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let hash = |open: &str, close: &str| {
        let start = page.find(open).map(|at| at + open.len());
        let body = start
            .and_then(|start| Some(&page[start..start + page[start..].find(close)?]))
            .unwrap_or_default();
        let digest = Sha256::digest(body.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    };
    format!(
        "default-src 'none'; script-src {}; style-src {}; connect-src 'self'; form-action 'none'; \
         frame-ancestors 'none'; base-uri 'none'",
        hash("<script>", "</script>"),
        hash("<style>", "</style>")
    )
}

async fn page(Extract(state): Extract<SharedState>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, state.page_policy.as_str()),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        state.page.clone(),
    )
        .into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn healthz() -> Response {
    ([(header::CONTENT_TYPE, "text/plain")], "ok\n").into_response()
}

async fn readyz(Extract(state): Extract<SharedState>) -> Response {
    if state.draining.load(Ordering::SeqCst) {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/plain")],
            "shutting down\n",
        )
            .into_response()
    } else {
        ([(header::CONTENT_TYPE, "text/plain")], "ready\n").into_response()
    }
}

async fn metrics(Extract(state): Extract<SharedState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}

async fn not_found() -> Response {
    problem(
        StatusCode::NOT_FOUND,
        "no such route; see /openapi.json",
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_validation_slots_a_request_gets_503_with_retry_after() {
        let state = State::new(Config {
            body_limit: 100,
            body_timeout: Duration::from_secs(1),
            max_concurrent: 1,
            token: None,
            floor_route: false,
        });
        let held = permit(&state).unwrap();
        let refused = permit(&state).unwrap_err();
        assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(refused.headers()[header::RETRY_AFTER], "1");
        assert_eq!(
            refused.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
        drop(held);
        assert!(permit(&state).is_ok());
    }
}
