//! A line whose duty a relief spares still needs a code that exists: the code decides the VAT
//! class (`rules/vat_classes.tsv`), the excise goods a scheme leaves out, and the tariff lines
//! a flat duty per line counts (audit-n N1; docs/rules.md §3).

use super::*;

/// Under a duty relief or a flat duty per tariff line the tariff's rate is not read, so a code
/// that is in no tariff would be priced `complete` with nothing said. The code is looked up as
/// above the threshold: in the destination's tariff, or in the HS 2022 nomenclature where the
/// snapshot has no tariff for the destination (chapters 98 and 99 are national chapters there:
/// not checkable). A code not found makes the line partial with the nearest valid codes; a date
/// with no tariff data in force is not a wrong code (the relief says nothing of it).
pub(super) fn check_code_under_relief(ctx: &mut Ctx<'_>, code: &HsCode, p: &mut Priced) {
    let why = "under the relief no duty rate is read, but the code still decides the VAT class, the excise goods the relief leaves out and the tariff lines counted: give a valid code";
    check_code(ctx, code, p, why);
}

/// Where the snapshot has no tariff for the destination (CA, CH, SG, ZA, …), the duty is the
/// caller's `duty_rate` or a chapter rule (`rules/duty_free.tsv`), and no tariff line is read: a
/// code in no nomenclature (`0000`, chapter 77, `6109.99`) was priced `complete` (audit-s S4).
/// Its first six digits are checked in the HS 2022 nomenclature, as under a relief; the
/// national digits past the sixth cannot be checked without the destination's tariff.
pub(super) fn check_code_without_tariff(ctx: &mut Ctx<'_>, code: &HsCode, p: &mut Priced) {
    let why = "the snapshot has no tariff for the destination to read a rate in, but the code still decides the duty-free chapters, the VAT class and the excise goods: give a valid code (digits past the sixth are national and are not checked)";
    check_code(ctx, code, p, why);
}

/// The check of [`check_code_under_relief`], `why` saying why the code matters.
fn check_code(ctx: &mut Ctx<'_>, code: &HsCode, p: &mut Priced, why: &str) {
    let snapshot = ctx.snapshot;
    let date = ctx.req.date;
    let found = match ctx.j.tariff {
        Some(tariff) => ctx.tariff_memo.find(snapshot, tariff, code, date).map(drop),
        None if matches!(code.chapter(), "98" | "99") => {
            p.push_reason(format!(
                "code {code} is in chapter {}, which the HS reserves for national use, and the snapshot has no {} tariff to check it in ({why})",
                code.chapter(),
                ctx.destination
            ));
            return;
        }
        None => snapshot.check_hs(code, date),
    };
    if let Err(e) = found {
        if matches!(e.code, ErrorCode::UnknownCode | ErrorCode::DataNotLoaded) {
            p.push_reason(format!("{} ({why})", e.message));
        }
    }
}
