//! The text output of each `landed` command, line for line (the JSON output is checked in
//! `commands.rs` and the golden tests). Snapshot ids are masked: they change with any table.

use crate::common::{landed, stdout};

const CART: &str = "examples/cart.json";

/// The text a command prints, its snapshot id replaced by `sha256:…`.
fn text(args: &[&str], stdin: Option<&str>) -> String {
    let out = stdout(&landed(args, stdin));
    let mut masked = String::new();
    let mut rest = out.as_str();
    while let Some(i) = rest.find("sha256:") {
        masked.push_str(&rest[..i + 7]);
        rest = rest[i + 7..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
        masked.push('…');
    }
    masked.push_str(rest);
    masked
}

/// One GB line: cotton T-shirts from the US, £150.
const GB_TEE: &str = r#"{ "destination": "GB", "origin": "US", "ship_from": "US", "date": "2026-03-02", "currency": "GBP",
  "lines": [ { "id": "tee", "code": "6109.10.00.10", "quantity": "1", "unit_price": "150.00" } ] }"#;

/// One CH line at a caller's 10 % duty (Switzerland has no tariff in the snapshot).
// Not from a registered mail-order seller (thresholds.tsv#ch-mail-order-100000): import VAT.
const CH_TEN_PERCENT: &str = r#"{ "destination": "CH", "date": "2026-03-02", "currency": "CHF", "seller_registered": false, "lines": [
  { "id": "a", "code": "6109.10.00.10", "quantity": "1", "unit_price": "100.00", "duty_rate": "10%" } ] }"#;

#[test]
fn eval_text_priced_and_not_priceable() {
    // 0.7 ¢/kg × 45.359237 kg = 0.3175…, + 10 % × 500 = 50.00: 50.32 (rounded at the end).
    assert_eq!(
        text(&["eval", "0.7 cents/kg + 10%", "--value", "500", "--qty", "45.359237kg"], None),
        "50.32 USD\n0.7 cents/kg × 45.359237 + 10% × 500 = 50.32\n"
    );
    assert_eq!(
        text(&["eval", "0.7 cents/kg + 10%", "--value", "500"], None),
        "not priceable\n0.7 cents/kg × [quantity in kg] + 10% × 500 = not priceable\n  - needs the quantity in kg: give it as units {\"kg\": \"…\"} or weight_kg\n"
    );
}

#[test]
fn quote_table_text() {
    // UK Global Tariff 6109 10 00: 12 %; VAT 20 % on value + duty (VATA 1994 s.21):
    // 18.00 duty, 20 % × 168.00 = 33.60 VAT, 201.60 landed; the standard rate is the assumed
    // normal case of a T-shirt (a young child's is zero-rated, VATA 1994 Sch. 8 Group 16 item 1).
    let expected = "\
Landed cost to GB as of 2026-03-02 in GBP (DDP), snapshot sha256:…

line       code          customs value         levies  status
tee        6109100010           150.00          51.60  priced
    Duty Customs duty (GB 61091000): 12% × 150.00 = 18.00
    Tax Import VAT: 20% × 168.00 = 33.60 (standard rate assumed, vat_classes.tsv#gb-clothing-footwear)

           goods         150.00
        shipping           0.00
       insurance           0.00
            duty          18.00
             tax          33.60
            fees           0.00
          landed         201.60
 due on delivery           0.00
     buyer total         201.60
warning W_OLD_TARIFF: the GB tariff used is of 2021-01-27, more than a year before the as-of date 2026-03-02
warning W_ASSUMPTION: gb-clothing-footwear: assumes the garment, footwear or hat is for an adult or an older child (standard rate); articles designed as clothing or footwear for young children and not suitable for older persons are zero-rated (VATA 1994 Sch. 8 Group 16 item 1; Note (1): clothing includes hats and other headgear): give vat_class zero for them
warning W_ASSUMPTION: tax_base_charges: assumes no carrier's charge for clearing the consignment (customs declaration, presentation or handling fee) is in the import tax base; GB's law adds costs up to the place of destination to that base (VATA 1994 s.21(2)(b)), and a postal or courier carrier usually charges one where tax is due at the border: give it in tax_base_charges
warning W_ASSUMPTION: shipping, insurance: assume none (not given): the price is taken to include all transport of the goods to GB (a delivered price) and no insurance to have been bought, so nothing is added for either to the customs value, which GB's law puts them in (insurance when it is incurred; jurisdictions.tsv#GB): give them in shipping and insurance, or \"0\" for none
warning W_ASSUMPTION: incoterm: assumes DDP (incoterm not given): the seller pays the duty, tax and fees due at the border, so they are in the landed cost and nothing is due on delivery; under DAP the recipient pays them to the carrier on delivery, and tax collected at the sale is on a price without the duty: give incoterm

";
    assert_eq!(text(&["quote", "-", "--format", "table"], Some(GB_TEE)), expected);
}

/// GB_TEE with a wrist watch of the US beside it: every levy priced.
const GB_TEE_AND_WATCH: &str = r#"{ "destination": "GB", "origin": "US", "ship_from": "US", "date": "2026-03-02", "currency": "GBP",
  "lines": [ { "id": "tee", "code": "6109.10.00.10", "quantity": "1", "unit_price": "150.00" },
             { "id": "watch", "code": "9102.11.00", "quantity": "1", "unit_price": "180.00" } ] }"#;

#[test]
fn reverse_text_one_line_and_cart() {
    // 148.80 + 12 % duty 17.86 = 166.66; + 20 % VAT 33.33 = 199.99.
    assert_eq!(
        text(&["reverse", "-", "--target", "199.99"], Some(GB_TEE)),
        "target 199.99 GBP: net price 148.80 GBP gives all-in 199.99 GBP (exact)\n"
    );
    let cart = text(&["reverse", "-", "--target", "500", "--charm", "99"], Some(GB_TEE_AND_WATCH));
    assert!(cart.starts_with("target 499.99 GBP: prices × "), "{cart}");
    assert!(cart.contains(" → tee ") && cart.ends_with("gives all-in 499.99 GBP (exact)\n"), "{cart}");
}

#[test]
fn reverse_text_of_an_incomplete_cart_is_a_bound_not_exact() {
    // Wine without its volume: its specific duty per litre cannot be priced (docs/rules.md#18), so
    // the cart's all-in total is a lower bound and reaching the target proves nothing.
    let cart =
        GB_TEE_AND_WATCH.replace(r#""id": "watch", "code": "9102.11.00""#, r#""id": "wine", "code": "2204.21.09""#);
    let out = text(&["reverse", "-", "--target", "500", "--charm", "99"], Some(&cart));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].ends_with(" gives all-in at least 499.99 GBP"), "{out}");
    let why = "the quote is incomplete, so its all-in price is at least the figure shown and the net price is at most the one given: line wine: ";
    assert!(lines[1].starts_with(why) && lines[1].contains("volume_l"), "{out}");
}

#[test]
fn diff_text_names_the_rate_that_changed() {
    // Swiss VAT 7.7 % → 8.1 % on 2024-01-01 (MWSTG art. 25, as amended): on 100.00 + 10.00
    // duty, 8.47 → 8.91, charged to 5 centimes on the base in whole francs (tax_rounding.tsv
    // #ch-tax-base, #ch-tax-amount; audit-aa AA7/AA15): 8.45 → 8.90.
    assert_eq!(
        text(&["diff", "-", "--from", "2023-06-01", "--to", "2024-06-01"], Some(CH_TEN_PERCENT)),
        "2023-06-01 → 2024-06-01: landed 118.45 → 118.90 CHF (+0.45)\n  [a] Import VAT: +0.45 — rate 7.7% → 8.1%\n"
    );
    // No duty changed: the catalogue view says so (fix-v; it printed an empty line).
    assert_eq!(
        text(&["diff", "-", "--from", "2023-06-01", "--to", "2024-06-01", "--catalogue"], Some(CH_TEN_PERCENT)),
        "no SKU's duty changed between 2023-06-01 and 2024-06-01 (1 SKU compared)\n"
    );
}

#[test]
fn invoice_text_matching_and_not() {
    // GB_TEE: 12 % duty on 150.00 = 18.00, VAT 20 % × 168.00 = 33.60 (quote_table_text).
    assert_eq!(
        text(&["invoice", "-", "--duty", "18.00", "--tax", "33.60", "--fees", "0"], Some(GB_TEE)),
        "billed minus expected: 0.00 GBP\n  the bill matches the recomputed quote\n"
    );
    assert_eq!(
        text(&["invoice", "-", "--duty", "18.00", "--tax", "0", "--fees", "0"], Some(GB_TEE)),
        "billed minus expected: -33.60 GBP\n  tax: billed 0 expected 33.60 (-33.60)\n    likely: a different VAT/GST rate (reduced or standard) or exchange rate\n"
    );
}

#[test]
fn sweep_text_ranks_with_the_spread() {
    // The example cart without its wine, whose excise our data has no rate for (every quote of
    // the whole cart is incomplete: docs/rules.md §21).
    let mut cart: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(CART).unwrap()).unwrap();
    cart["lines"].as_array_mut().unwrap().retain(|l| l["id"] != "wine");
    let cart = cart.to_string();
    let out = text(&["sweep", "-", "--dest", "DE,GB", "--origin", "CN", "--incoterm", "dap,ddp"], Some(&cart));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "4 combinations, complete quotes first, cheapest first (what the buyer pays in all, in GBP; ≥ marks a lower bound, ? a figure that holds only on the condition its note names):"
    );
    assert_eq!(lines.len(), 9, "{out}");
    // The jam is zero-rated in GB (VATA 1994 Sch. 8 Group 1) and 7 % in DE (UStG Anlage 2,
    // Positionen 2001 bis 2008): docs/rules.md#vat-class. Converted back at each quote's own
    // rate (audit-g G3), DE stays the cheaper by 0.52 GBP.
    // Each row names the rate it was converted back with: the quote's own.
    assert!(lines[1].contains(" EUR at GBP/EUR "), "{out}");
    assert!(lines[1].ends_with(")  2026-03-02 DE  origin CN  from US   Courier Dap code 6109.10.00.10"), "{out}");
    // The answer: the cheapest complete combination and what each of its choices saved.
    assert!(
        lines[5].starts_with("cheapest complete: ") && lines[5].contains(" to DE, origin CN, ship from US"),
        "{out}"
    );
    assert!(lines[6].starts_with("  destination DE instead of GB saves "), "{out}");
    // DAP and DDP cost the buyer the same in all: a tie, not a saving of 0.00.
    // audit-n N7: the carrier's own charge under DAP is not compared, and the line says so.
    assert_eq!(
        lines[7],
        "  incoterm DAP or DDP: the same total, no saving (duty, tax and government fees only: a carrier's own clearance or disbursement charge, billed to the recipient under DAP, is not in our data and not compared)",
        "{out}"
    );
    assert!(lines[8].starts_with("spread: ") && lines[8].ends_with(" GBP over 4 complete quotes"), "{out}");
}

/// Two US$100 T-shirts to the US, one of Mexico and one of Australia (tests/golden/sweeps.rs).
const MX_AU_TEES: &str = r#"{ "destination": "US", "date": "2025-09-01", "currency": "USD", "channel": "freight",
  "entry_type": "formal", "transport": "air", "lines": [
  { "id": "mx", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00", "origin": "MX" },
  { "id": "au", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00", "origin": "AU" } ] }"#;

#[test]
fn sweep_text_names_each_lines_best_claim() {
    // USMCA on the Mexican line saves 16.50 duty + 25.00 of 9903.01.01 (HTSUS GN 11); the US-Australia
    // FTA on the Australian line saves the 16.50 duty (GN 28); with both lines claimed no line pays
    // the FY2025 MPF 32.71 (19 U.S.C. 58c(b)(10)(B), (14)), the claims sharing it by value (16.36,
    // 16.35): 300.71 without a claim, 210.00 with both.
    let out = text(&["sweep", "-", "--claim", "auto"], Some(MX_AU_TEES));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[5].starts_with("cheapest complete: 210.00 USD to US") && lines[5].ends_with(", claim S+AU"), "{out}");
    assert_eq!(lines[6], "  claim S+AU instead of none saves 90.71 USD", "{out}");
    assert_eq!(lines[7], "  line mx claims S, saving 57.86 USD", "{out}");
    assert_eq!(lines[8], "  line au claims AU, saving 32.85 USD", "{out}");
}

#[test]
fn rate_text_one_line_and_a_partial_code() {
    assert_eq!(
        text(&["rate", "GB", "6109100010", "--date", "2026-03-01"], None),
        "GB 6109100010 → 61091000 T-shirts, singlets and other vests of cotton, knitted or crocheted\nduty: 12.0%\nvalid 2021-01-01..; source: UK Global Tariff (with the EU Common External Tariff, CN 2020) (2021-01-27); snapshot sha256:…\nedition in force: UK Global Tariff (with the EU Common External Tariff, CN 2020) (2021-01-27), 1859 days old: stale, a newer edition may change the line\ncovers: the tariff's own (general) rate for the code; this destination's preferences (free-trade agreements) are not in our data as rates per line: a quote of goods of a partner country offers its agreement (the EU-UK Trade and Cooperation Agreement at 0 when claimed, the others without a figure); what depends on origin, value, date and buyer (additional duties, thresholds, excise, VAT/GST, fees) is in a quote\n"
    );
    let out = text(&["rate", "GB", "6109", "--date", "2026-03-01"], None);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "GB 6109 (3 lines, min 12%, max 12%) as of 2026-03-01, snapshot sha256:…");
    assert_eq!(
        lines[1],
        "  61091000   12.0%                        T-shirts, singlets and other vests of cotton, knitted or crocheted"
    );
    // Three lines, then the edition in force and what a rate covers.
    assert_eq!(lines.len(), 6);
    assert!(lines[4].starts_with("edition in force: UK Global Tariff") && lines[5].starts_with("covers: "), "{out}");
}

#[test]
fn search_and_countries_text() {
    let out = text(&["search", "cotton t-shirt", "--dest", "GB", "--limit", "3"], None);
    let first = out.lines().next().unwrap();
    assert!(first.contains("  61091000   12.0%            T-shirts, singlets and other vests of cotton"), "{out}");
    assert_eq!(out.lines().count(), 3);
    let out = text(&["countries", "--date", "2026-03-02"], None);
    let gb = out.lines().find(|l| l.starts_with("GB ")).unwrap();
    assert!(gb.starts_with("GB United Kingdom         GBP  tariff GB   VAT 20%      duty on Cif, "), "{gb}");
    let us = out.lines().find(|l| l.starts_with("US ")).unwrap();
    assert!(us.starts_with("US United States          USD  tariff US   VAT -        duty on Fob, "), "{us}");
}

#[test]
fn catalogue_writes_its_file_whole_and_reports_it() {
    let dir = std::env::temp_dir().join(format!("landed-cli-text-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (csv, out) = (dir.join("in.csv"), dir.join("out.csv"));
    std::fs::write(&csv, "sku,code,price\nA1,6109100010,20.00\n").unwrap();
    let args = [
        "catalogue",
        csv.to_str().unwrap(),
        "--dest",
        "GB",
        "--date",
        "2026-03-02",
        "--currency",
        "GBP",
        "--out",
        out.to_str().unwrap(),
    ];
    assert_eq!(text(&args, None), format!("wrote {}\n", out.display()));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("sku,destination,code,"), "{written}");
    assert_eq!(written.lines().count(), 2);
    assert!(!dir.join("out.csv.partial").exists(), "the partial file is renamed, not left behind");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_landed"))
        .args(["countries", "--date", "2026-03-02"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(child.wait().unwrap().success(), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Ten US$10 cotton T-shirts by courier to the US on 2026-11-26 (issue 12's audit cart), of Kenya,
/// none of the economies of the Section 301 duties of 2026-07-24 (listed unpriced, audit-i I1):
/// the informal MPF of FY2027 (US$2.77) is from secondary sources only, so it is listed but not
/// priced (tariffs/rules/fees.tsv; docs/rules.md#18) and every quote of it is incomplete.
const US_TEES: &str = r#"{"destination":"US","date":"2026-11-26","currency":"USD","channel":"courier","incoterm":"DDP",
  "shipping":"20","lines":[{"id":"tee","code":"6109.10.00.12","quantity":"10","unit_price":"10","origin":"KE"}]}"#;

/// The first words of the reason the unverified FY2027 MPF gives.
const MPF_UNVERIFIED: &str = "shipment: Merchandise Processing Fee (informal entry): flat 2.77 USD = 2.77 — not priced: fees.tsv#us-mpf-informal-fy2027 is from a secondary source [verify]";

#[test]
fn invoice_text_never_calls_a_bill_over_an_incomplete_quote_an_overcharge() {
    let quote: serde_json::Value = serde_json::from_str(&text(&["quote", "-"], Some(US_TEES))).unwrap();
    let duty = quote["totals"]["duty"].as_str().unwrap().to_string();
    let out = text(&["invoice", "-", "--duty", &duty, "--tax", "0", "--fees", "2.69"], Some(US_TEES));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "billed minus expected: at most 2.69 USD: the recomputed quote is incomplete, so the bill cannot be fully checked",
            // Nothing of the fees priced: not known, never "at least 0.00" (audit-kk KK50).
            "  fees: billed 2.69 expected not known",
            "    likely: nothing of the recomputed fees figure is priced (see not priced), so the bill cannot be checked",
        ],
        "{out}"
    );
    assert!(lines[3].starts_with(&format!("    not priced: {MPF_UNVERIFIED}")), "{out}");
    assert_eq!(lines.len(), 4, "duty matches and tax is nil: only fees are listed: {out}");
}

#[test]
fn diff_text_into_an_unknown_fee_gives_a_bound() {
    // FY2026's informal MPF of 2.69 (CBP Dec. 25-10) ends on 2026-09-30; FY2027's is not priced, so
    // the later total is a lower bound and the change is at least -2.69: a fall of at most 2.69
    // (audit-x X5: "at least -2.69" read as a fall of at least 2.69).
    let out = text(&["diff", "-", "--from", "2026-09-30", "--to", "2026-10-01"], Some(US_TEES));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("2026-09-30 → 2026-10-01: landed ") && lines[0].contains(" → ≥"), "{out}");
    assert!(lines[0].ends_with(" USD (a fall of at most 2.69)"), "{out}");
    assert_eq!(
        lines[1],
        "  [shipment] Merchandise Processing Fee (informal entry): a fall of at most 2.69 — rate 2.69 USD → unverified"
    );
    assert!(lines[2].starts_with(&format!("  not priced on 2026-10-01: {MPF_UNVERIFIED}")), "{out}");
    assert_eq!(lines.len(), 3, "{out}");
}

#[test]
fn reverse_text_on_an_incomplete_quote_says_what_bounds_it() {
    let one = US_TEES.replace(r#""quantity":"10""#, r#""quantity":"1""#);
    let out = text(&["reverse", "-", "--target", "50"], Some(&one));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("target 50 USD: net price at most "), "{out}");
    assert!(lines[0].contains(" USD gives all-in at least "), "{out}");
    let why = "the quote is incomplete, so its all-in price is at least the figure shown and the net price is at most the one given: ";
    assert!(lines.last().unwrap().starts_with(&format!("{why}{MPF_UNVERIFIED}")), "{out}");
    assert!(!out.contains("()"), "{out}");
}

/// audit-hh (notes): the table shows what the seller collects at the sale and the buyer's total.
/// Remessa Conforme (IN RFB 2.146/2023: the certified seller charges the import tax and the ICMS
/// with the price), US$40 + US$5 by courier to SP on 2024-09-02 at 5.50, DAP: import tax 20 % ×
/// 247.50 = 49.50, ICMS 17 % inside its base (247.50 + 49.50) ÷ 0.83 × 0.17 = 60.83: 110.33 at the
/// sale, of which duty 49.50; buyer total 357.83, nothing due on delivery.
#[test]
fn quote_table_shows_the_sellers_collection_and_the_buyer_total() {
    let br = r#"{ "destination": "BR", "subdivision": "SP", "date": "2024-09-02", "currency": "USD", "fx": {"USD/BRL": "5.50"},
      "channel": "courier", "transport": "air", "incoterm": "DAP", "origin": "CN", "ship_from": "CN", "shipping": "5.00",
      "simplified_regime": "remessa_conforme", "lines": [ { "id": "a", "code": "6109.10", "quantity": "1", "unit_price": "40.00" } ] }"#;
    let out = text(&["quote", "-", "--format", "table"], Some(br));
    assert!(
        out.contains("\n         at sale         110.33  (collected by the seller at the sale, of which duty 49.50)\n"),
        "{out}"
    );
    assert!(out.contains("\n     buyer total         357.83\n"), "{out}");
    assert!(out.contains("\n due on delivery           0.00\n"), "{out}");
}
