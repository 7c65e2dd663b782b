//! fix-v: audit-s's bad-input residues (/work/findings/audit-s.md S3, S11, S13 and its "Not
//! done"). The rule each test holds is the project's (README "Hardening"): bad input gets a typed
//! error naming the field and the reason, never a silent default, a silent 0 or a dropped line,
//! and no input is accepted and ignored in silence. Where a figure is cited, the law it follows
//! is named beside it.

mod common;

use common::{fails_with, landed, stdout};

/// `landed eval` reads what a caller typed (audit-s S3, S13): a bare number is refused as a
/// request's `duty_rate` is ("0.12" was priced as 0.12 %, "0.12% × 100 = 0.12", when a fraction
/// means 12 %), and a text that is no duty expression is `E_DUTY_EXPRESSION`, not "the tariff
/// publishes no rate here" (`""`) or "the rate has a condition" (`abc`). A tariff's words for a
/// rate set elsewhere are still answered as not priceable with why.
#[test]
fn eval_refuses_a_bare_number_and_a_text_that_is_no_duty_expression() {
    let err = fails_with(&landed(&["eval", "0.12", "--value", "100"], None), "E_DUTY_EXPRESSION");
    assert!(err.contains("expression") && err.contains("\"0.12%\"") && err.contains("\"12%\""), "{err}");
    let err = fails_with(&landed(&["eval", "10% MIN 5", "--value", "100"], None), "E_DUTY_EXPRESSION");
    assert!(err.contains("5 is a bare number"), "{err}");
    for text in ["", "   ", "abc"] {
        let err = fails_with(&landed(&["eval", text, "--value", "100"], None), "E_DUTY_EXPRESSION");
        assert!(err.contains("is not a duty expression"), "{text:?}: {err}");
    }
    let out = stdout(&landed(&["eval", "See note 3", "--value", "100"], None));
    assert!(out.starts_with("not priceable") && out.contains("set in a note"), "{out}");
    assert!(stdout(&landed(&["eval", "12%", "--value", "100"], None)).starts_with("12.00 USD"));
}
