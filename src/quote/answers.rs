//! Which listed rows a caller's `extra_duties` entries answer, shared by the excise stage
//! (`rules/excise.tsv`, entries of kind `excise`) and the trade-remedy stage
//! (`rules/trade_remedies.tsv`, entries of a customs kind): an entry answers the rows its
//! `answers` names; one that names none answers the line's row when the line bears exactly one,
//! and settles none beside several (each is listed "not answered", the line partial: never a
//! figure that settles an unknown row in silence, docs/rules.md §21, §22).

use super::*;

/// The class of rows an entry answers, by its kind.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Entries of kind `excise`, answering excise rows.
    Excise,
    /// Entries of a customs kind (`duty`, `antidumping`, `countervailing`), answering trade
    /// remedies.
    Remedy,
}

impl Class {
    fn holds(self, kind: ExtraDutyKind) -> bool {
        match self {
            Class::Excise => kind == ExtraDutyKind::Excise,
            Class::Remedy => kind.is_customs(),
        }
    }

    /// The entry as the reasons name it (`excise`, `duty`).
    fn entry(self) -> &'static str {
        match self {
            Class::Excise => "excise",
            Class::Remedy => "duty",
        }
    }

    /// The rows as the reasons name them.
    fn rows(self) -> &'static str {
        match self {
            Class::Excise => "excises",
            Class::Remedy => "trade remedies",
        }
    }
}

/// The caller's entries of a class on a line: whether there are any, whether one names no row
/// (`answers` left out), and the rows the others name.
pub(super) struct Callers<'l> {
    class: Class,
    pub(super) any: bool,
    pub(super) unnamed: bool,
    named: Vec<&'l str>,
}

impl<'l> Callers<'l> {
    pub(super) fn of(line: &'l LineRequest, class: Class) -> Callers<'l> {
        let mut c = Callers { class, any: false, unnamed: false, named: Vec::new() };
        for d in line.extra_duties.iter().filter(|d| class.holds(d.kind)) {
            c.any = true;
            c.unnamed |= d.answers.is_empty();
            c.named.extend(d.answers.iter().map(String::as_str));
        }
        c
    }

    /// True when an entry names the row `id`.
    pub(super) fn names(&self, id: &str) -> bool {
        self.named.contains(&id)
    }

    /// True when the entries settle the row `id` of a line bearing `count` rows of the class:
    /// an entry names it, or an entry names none and the row is the line's only one.
    pub(super) fn settle(&self, id: &str, count: usize) -> bool {
        self.names(id) || (self.unnamed && count == 1)
    }

    /// True when an entry names no row beside `count` rows: it settles none of them.
    pub(super) fn ambiguous(&self, count: usize) -> bool {
        self.unnamed && count > 1
    }

    /// Why a row beside others is not settled by an entry that names none: `the caller's excise
    /// "Excise" (extra_duties[0]) does not say which of the line's 2 excises (a, b) it answers:
    /// give "answers": ["a"] in the extra_duties entry that settles it`.
    pub(super) fn not_answered(&self, line: &LineRequest, ids: &[&str], id: &str) -> String {
        let names: Vec<String> = line
            .extra_duties
            .iter()
            .enumerate()
            .filter(|(_, d)| self.class.holds(d.kind) && d.answers.is_empty())
            .map(|(i, d)| format!("{:?} (extra_duties[{i}])", d.name))
            .collect();
        let who = match names.len() {
            1 => format!("the caller's {} {} does not say", self.class.entry(), names[0]),
            _ => format!("the caller's {}s {} do not say", self.class.entry(), names.join(", ")),
        };
        format!(
            "{who} which of the line's {} {} ({}) it answers: give \"answers\": [\"{id}\"] in the extra_duties entry that settles it",
            ids.len(),
            self.class.rows(),
            ids.join(", "),
        )
    }
}

/// The rows the line's caller entries name (`answers`) must be rows of their class on the line
/// on the quote's date (an excise entry: the line's excises; a customs entry: the trade remedies
/// its code, origin and place of shipment may bear): an id that is not is `E_INVALID_FIELD`
/// naming the entry, never a figure that answers nothing. Goods that cross no customs border bear
/// neither (nothing to answer: the movement's formula says the entries are not charged).
pub(super) fn check_answers(ctx: &Ctx<'_>, line: &LineRequest, code: &HsCode, index: usize) -> Result<()> {
    if ctx.movement.is_some() || line.extra_duties.iter().all(|d| d.answers.is_empty()) {
        return Ok(());
    }
    let digits = super::excise::line_digits(line, code);
    let excises: Vec<&str> =
        ctx.day.excises.iter().filter(|r| r.covers_goods(digits, line.alcohol_pct)).map(|r| r.id).collect();
    let remedies = remedy_ids(ctx, line);
    for (i, d) in line.extra_duties.iter().enumerate() {
        let (class, ids) = match d.kind {
            ExtraDutyKind::Excise => (Class::Excise, &excises),
            _ => (Class::Remedy, &remedies),
        };
        let Some(j) = d.answers.iter().position(|a| !ids.contains(&a.as_str())) else { continue };
        let (one, bears) = match class {
            Class::Excise => ("an excise", "bears no excise in our data"),
            Class::Remedy => ("a trade remedy", "bears no trade remedy in our data from its origin"),
        };
        let bears = match ids.is_empty() {
            true => format!("this line {bears} on {}", ctx.req.date),
            false => format!("this line's {} on {} are {}", class.rows(), ctx.req.date, ids.join(", ")),
        };
        return Err(Error::new(
            ErrorCode::InvalidField,
            format!("lines[{index}].extra_duties[{i}].answers[{j}]"),
            format!("{:?} is not {one} of this line: {bears}", d.answers[j]),
        ));
    }
    Ok(())
}

/// The ids of the trade remedies the line may bear (due or may apply), in the table's order.
pub(super) fn remedy_ids(ctx: &Ctx<'_>, line: &LineRequest) -> Vec<&'static str> {
    let origin = line.origin.as_deref().or(ctx.req.origin.as_deref()).map(str::to_ascii_uppercase);
    let ship_from = ctx.req.ship_from.as_deref().map(str::to_ascii_uppercase);
    let day = std::sync::Arc::clone(&ctx.day);
    let found = day.remedies.touching(&line.code, origin.as_deref(), ship_from.as_deref());
    found.iter().map(|(m, _)| m.row.id).collect()
}
