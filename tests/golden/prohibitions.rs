//! Goods a destination prohibits by the channel they travel by
//! (`tariffs/rules/prohibitions.tsv`, [not priced](../../docs/rules.md#not-priced)).

use crate::common::quote;
use landed::quote::{LineStatus, Quote};
use serde_json::json;

// audit-j, findings J4, J7, J8 and J10 (fix-j3): measures our quotes left out in silence, now
// listed (or priced by the caller) with the law that imposes them
// ([trade remedies](../../docs/rules.md#trade-remedies), [excise](../../docs/rules.md#excise),
// [returned goods](../../docs/rules.md#vat-base), [thresholds](../../docs/rules.md#thresholds)).

#[test]
fn cigarettes_by_post_into_australia_are_said_to_be_prohibited_reg_4da() {
    // Customs (Prohibited Imports) Regulations 1956 reg. 4DA(1): "The importation of tobacco
    // products into Australia is prohibited ... unless a permission to import the tobacco
    // products has been granted in writing ... or the Minister has approved the importation";
    // cigars are outside it (reg. 4DA(2)(c)). audit-j J10: 200 cigarettes by post, priced.
    let tobacco = |code: &str, channel: &str, date: &str| {
        quote(json!({"destination": "AU", "date": date, "currency": "AUD", "channel": channel,
            "transport": "air", "incoterm": "DDP", "origin": "ID", "ship_from": "ID",
            "lines": [{"id": "c", "code": code, "quantity": "200", "unit_price": "0.50", "duty_rate": "0%"}]}))
    };
    let prohibited = |q: &Quote| q.lines[0].reason.as_deref().unwrap_or_default().contains("reg. 4DA(1)");
    let q = tobacco("2402.20", "post", "2026-03-02");
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(prohibited(&q), "{:?}", q.lines[0].reason);
    assert!(!prohibited(&tobacco("2402.10", "post", "2026-03-02")), "cigars are outside reg. 4DA");
    assert!(!prohibited(&tobacco("2402.20", "post", "2019-06-30")));
    assert!(!prohibited(&tobacco("2402.20", "courier", "2026-03-02")));
}

// Session 14's review residue (issue 13: country behaviour as data; no silent paths): the
// Australian tobacco-by-post prohibition read from `tariffs/rules/prohibitions.tsv`
// ([not priced](../../docs/rules.md#not-priced)), the `components` a duty read reported by the
// evaluator ([duty expressions](../../docs/rules.md#duty-expressions)), and a caller's excise that
// says which excise rows of its line it answers ([excise](../../docs/rules.md#excise)).

/// The reason the line carried when the rule was code (session 14, `au_tobacco_by_post`), byte
/// for byte: the table's `reason` column is the same text.
const AU_TOBACCO_REASON: &str = "tobacco products are a prohibited import into Australia unless a permission to import them, granted in writing, is produced (Customs (Prohibited Imports) Regulations 1956 reg. 4DA(1), from 2019-07-01; cigars, chewing tobacco and snuff are outside it, reg. 4DA(2)); the Minister's approval under reg. 4DA(9) (Importation of Tobacco Products Approval 2019, read only in part) is for goods reported in a cargo report, which mail is not: the duty and GST shown are those due if a permission covers these goods";

#[test]
fn tobacco_by_post_into_australia_is_prohibited_from_the_table_reg_4da() {
    // Customs (Prohibited Imports) Regulations 1956 reg. 4DA(1) (tobacco products prohibited
    // unless a permission in writing is produced, from 2019-07-01), reg. 4DA(2) (cigars outside
    // it): 200 cigarettes by post from Indonesia at AUD 0.50, duty 0 %: GST 10 % of 100.00 is
    // priced as if a permission covered them, and the line says the goods are prohibited.
    let tobacco = |code: &str, channel: Option<&str>, date: &str| {
        let mut r = json!({"destination": "AU", "date": date, "currency": "AUD",
            "transport": "air", "incoterm": "DDP", "origin": "ID", "ship_from": "ID",
            "lines": [{"id": "c", "code": code, "quantity": "200", "unit_price": "0.50", "duty_rate": "0%"}]});
        if let Some(c) = channel {
            r["channel"] = json!(c);
        }
        quote(r)
    };
    let q = tobacco("2402.20", Some("post"), "2026-03-02");
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert_eq!(q.lines[0].reason.as_deref(), Some(AU_TOBACCO_REASON));
    // Pipe tobacco (2403) too; cigars (2402.10) are excluded; the day before, by courier, as
    // freight or with no channel (courier assumed), nothing is said.
    assert_eq!(tobacco("2403.11", Some("post"), "2026-03-02").lines[0].reason.as_deref(), Some(AU_TOBACCO_REASON));
    for q in [
        tobacco("2402.10", Some("post"), "2026-03-02"),
        tobacco("2402.20", Some("post"), "2019-06-30"),
        tobacco("2402.20", Some("courier"), "2026-03-02"),
        tobacco("2402.20", Some("freight"), "2026-03-02"),
        tobacco("2402.20", None, "2026-03-02"),
    ] {
        assert!(!q.lines[0].reason.as_deref().unwrap_or_default().contains("reg. 4DA"), "{:?}", q.lines[0].reason);
    }
}
