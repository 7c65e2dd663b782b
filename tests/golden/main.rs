//! Golden figures: whole quotes checked against the law, the official guidance or the
//! authority's worked example named in each test, one module per topic (destination, rule or
//! law).

#[path = "../common/mod.rs"]
mod common;

mod brazil;
mod business_buyers;
mod canada;
mod carrier_samples;
mod claims;
mod duty_expressions;
mod eu_flat_duty;
mod eu_us_tariff;
mod exchange_rates;
mod excise;
mod freshness;
mod gifts;
mod hs_correlation;
mod incoterms;
mod japan;
mod japan_small_parcels;
mod luxury_car_taxes;
mod member_state_thresholds;
mod movements;
mod official_examples;
mod partial_lines;
mod prohibitions;
mod rules_examples;
mod seller_collected_tax;
mod sweeps;
mod switzerland;
mod tariff_editions;
mod taxes_and_fees;
mod thresholds;
mod trade_remedies;
mod uk_duty_calculator;
mod us_additional_duties;
mod us_postal_and_exceptions;
mod us_tariff_lines;
mod us_timeline;
mod vat_classes;
mod vat_rates;
