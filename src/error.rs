//! Typed errors with a stable machine code, the field at fault and a human message.

use serde::Serialize;
use std::fmt;

/// Stable, machine-readable error codes. The string form (`E_HS_CODE`, …) never changes
/// once published; new codes may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorCode {
    #[serde(rename = "E_HS_CODE")]
    HsCode,
    #[serde(rename = "E_NEGATIVE_PRICE")]
    NegativePrice,
    #[serde(rename = "E_NEGATIVE_AMOUNT")]
    NegativeAmount,
    #[serde(rename = "E_UNKNOWN_UNIT")]
    UnknownUnit,
    #[serde(rename = "E_QUANTITY")]
    Quantity,
    #[serde(rename = "E_CURRENCY")]
    Currency,
    #[serde(rename = "E_DATE")]
    Date,
    #[serde(rename = "E_AMOUNT")]
    Amount,
    #[serde(rename = "E_JSON")]
    Json,
    #[serde(rename = "E_MISSING_FIELD")]
    MissingField,
    #[serde(rename = "E_INVALID_FIELD")]
    InvalidField,
    #[serde(rename = "E_DUPLICATE_LINE_ID")]
    DuplicateLineId,
    #[serde(rename = "E_EMPTY_CART")]
    EmptyCart,
    #[serde(rename = "E_TOO_LARGE")]
    TooLarge,
    #[serde(rename = "E_FX_RATE")]
    FxRate,
    #[serde(rename = "E_DUTY_EXPRESSION")]
    DutyExpression,
    #[serde(rename = "E_IO")]
    Io,
    #[serde(rename = "E_SNAPSHOT")]
    Snapshot,
    #[serde(rename = "E_UNKNOWN_CODE")]
    UnknownCode,
    #[serde(rename = "E_NO_TARIFF")]
    NoTariff,
    #[serde(rename = "E_UNSUPPORTED_DESTINATION")]
    UnsupportedDestination,
    #[serde(rename = "E_DESCRIPTIONS_NOT_LOADED")]
    DescriptionsNotLoaded,
    /// A part of the snapshot (a tariff table, a data file) has not been fetched yet.
    #[serde(rename = "E_DATA_NOT_LOADED")]
    DataNotLoaded,
    /// A country code that is malformed or not an ISO 3166-1 alpha-2 code (`XX`, `UK`).
    #[serde(rename = "E_COUNTRY")]
    Country,
    /// A preference claim the destination's programmes do not allow (unknown programme, origin
    /// not a partner, not in force on the date, no rate under it for the code).
    #[serde(rename = "E_CLAIM")]
    Claim,
    #[serde(rename = "E_INTERNAL")]
    Internal,
}

impl ErrorCode {
    /// The stable string form, e.g. `E_HS_CODE`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::HsCode => "E_HS_CODE",
            ErrorCode::NegativePrice => "E_NEGATIVE_PRICE",
            ErrorCode::NegativeAmount => "E_NEGATIVE_AMOUNT",
            ErrorCode::UnknownUnit => "E_UNKNOWN_UNIT",
            ErrorCode::Quantity => "E_QUANTITY",
            ErrorCode::Currency => "E_CURRENCY",
            ErrorCode::Date => "E_DATE",
            ErrorCode::Amount => "E_AMOUNT",
            ErrorCode::Json => "E_JSON",
            ErrorCode::MissingField => "E_MISSING_FIELD",
            ErrorCode::InvalidField => "E_INVALID_FIELD",
            ErrorCode::DuplicateLineId => "E_DUPLICATE_LINE_ID",
            ErrorCode::EmptyCart => "E_EMPTY_CART",
            ErrorCode::TooLarge => "E_TOO_LARGE",
            ErrorCode::FxRate => "E_FX_RATE",
            ErrorCode::DutyExpression => "E_DUTY_EXPRESSION",
            ErrorCode::Io => "E_IO",
            ErrorCode::Snapshot => "E_SNAPSHOT",
            ErrorCode::UnknownCode => "E_UNKNOWN_CODE",
            ErrorCode::NoTariff => "E_NO_TARIFF",
            ErrorCode::UnsupportedDestination => "E_UNSUPPORTED_DESTINATION",
            ErrorCode::DescriptionsNotLoaded => "E_DESCRIPTIONS_NOT_LOADED",
            ErrorCode::DataNotLoaded => "E_DATA_NOT_LOADED",
            ErrorCode::Country => "E_COUNTRY",
            ErrorCode::Claim => "E_CLAIM",
            ErrorCode::Internal => "E_INTERNAL",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Stable, machine-readable warning codes: something the reader of a quote should know (an
/// assumption, a secondary source, stale data). The string form (`W_VERIFY`, …) never changes
/// once published; new codes may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum WarningCode {
    #[serde(rename = "W_VERIFY")]
    Verify,
    #[serde(rename = "W_SELLER_COLLECTS")]
    SellerCollects,
    #[serde(rename = "W_ASSUMPTION")]
    Assumption,
    #[serde(rename = "W_THRESHOLD_NOT_APPLIED")]
    ThresholdNotApplied,
    #[serde(rename = "W_TERRITORY")]
    Territory,
    #[serde(rename = "W_ASSUMED_SUBDIVISION")]
    AssumedSubdivision,
    #[serde(rename = "W_ASSUMED_SHIP_FROM")]
    AssumedShipFrom,
    #[serde(rename = "W_REDUCED_RATE_ASSUMED")]
    ReducedRateAssumed,
    #[serde(rename = "W_FX_FALLBACK")]
    FxFallback,
    #[serde(rename = "W_STALE_FX")]
    StaleFx,
    #[serde(rename = "W_DISPLAY_FX")]
    DisplayFx,
    #[serde(rename = "W_DUTY_RATE_OVERRIDE")]
    DutyRateOverride,
    #[serde(rename = "W_OLD_TARIFF")]
    OldTariff,
    #[serde(rename = "W_HS_CORRELATION")]
    HsCorrelation,
    #[serde(rename = "W_PARTIAL_CODE")]
    PartialCode,
    #[serde(rename = "W_CALLER_DUTIES")]
    CallerDuties,
    #[serde(rename = "W_PROVINCIAL_TAX")]
    ProvincialTax,
    #[serde(rename = "W_UPLIFT_ASSUMED")]
    UpliftAssumed,
    #[serde(rename = "W_FEE_NEEDS_TRANSPORT")]
    FeeNeedsTransport,
    #[serde(rename = "W_OLD_RULE")]
    OldRule,
    #[serde(rename = "W_FEE_UNKNOWN")]
    FeeUnknown,
    #[serde(rename = "W_STALE_DATA")]
    StaleData,
    #[serde(rename = "W_CLAIM")]
    Claim,
    #[serde(rename = "W_CLAIM_NO_RATE")]
    ClaimNoRate,
    #[serde(rename = "W_CLAIM_TRANSIT")]
    ClaimTransit,
    #[serde(rename = "W_NO_CUSTOMS_BORDER")]
    NoCustomsBorder,
    #[serde(rename = "W_MOVEMENT_ASSUMPTION")]
    MovementAssumption,
    #[serde(rename = "W_TARIFF")]
    Tariff,
    #[serde(rename = "W_INPUT_UNUSED")]
    InputUnused,
    #[serde(rename = "W_VALUE_BRACKET")]
    ValueBracket,
}

impl WarningCode {
    /// The stable string form, e.g. `W_VERIFY`.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::Verify => "W_VERIFY",
            WarningCode::SellerCollects => "W_SELLER_COLLECTS",
            WarningCode::Assumption => "W_ASSUMPTION",
            WarningCode::ThresholdNotApplied => "W_THRESHOLD_NOT_APPLIED",
            WarningCode::Territory => "W_TERRITORY",
            WarningCode::AssumedSubdivision => "W_ASSUMED_SUBDIVISION",
            WarningCode::AssumedShipFrom => "W_ASSUMED_SHIP_FROM",
            WarningCode::ReducedRateAssumed => "W_REDUCED_RATE_ASSUMED",
            WarningCode::FxFallback => "W_FX_FALLBACK",
            WarningCode::StaleFx => "W_STALE_FX",
            WarningCode::DisplayFx => "W_DISPLAY_FX",
            WarningCode::DutyRateOverride => "W_DUTY_RATE_OVERRIDE",
            WarningCode::OldTariff => "W_OLD_TARIFF",
            WarningCode::HsCorrelation => "W_HS_CORRELATION",
            WarningCode::PartialCode => "W_PARTIAL_CODE",
            WarningCode::CallerDuties => "W_CALLER_DUTIES",
            WarningCode::ProvincialTax => "W_PROVINCIAL_TAX",
            WarningCode::UpliftAssumed => "W_UPLIFT_ASSUMED",
            WarningCode::FeeNeedsTransport => "W_FEE_NEEDS_TRANSPORT",
            WarningCode::OldRule => "W_OLD_RULE",
            WarningCode::FeeUnknown => "W_FEE_UNKNOWN",
            WarningCode::StaleData => "W_STALE_DATA",
            WarningCode::Claim => "W_CLAIM",
            WarningCode::ClaimNoRate => "W_CLAIM_NO_RATE",
            WarningCode::ClaimTransit => "W_CLAIM_TRANSIT",
            WarningCode::NoCustomsBorder => "W_NO_CUSTOMS_BORDER",
            WarningCode::MovementAssumption => "W_MOVEMENT_ASSUMPTION",
            WarningCode::Tariff => "W_TARIFF",
            WarningCode::InputUnused => "W_INPUT_UNUSED",
            WarningCode::ValueBracket => "W_VALUE_BRACKET",
        }
    }
}

impl fmt::Display for WarningCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for WarningCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for WarningCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// An error a caller can act on: what went wrong (`code`), where (`field`, a JSON path such as
/// `lines[2].unit_price`), and why (`message`); its fields are read through `Deref`
/// (`error.code`, `error.message`).
///
/// Boxed in wasm32: a `Result` of the crate then carries one pointer where it carried the three
/// fields (28 B), which every `?` moved (about 50 KB raw of the pricing module); errors are the
/// rare path, the `?` sites are many. Natively the fields stay inline: the box cost the bench
/// cart about 1.5 % of its instructions (LTO inlining decided differently), and native code
/// size is not a budget.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Held);

#[cfg(target_arch = "wasm32")]
type Held = Box<ErrorFields>;
#[cfg(not(target_arch = "wasm32"))]
type Held = ErrorFields;

/// The fields of an [`Error`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorFields {
    pub code: ErrorCode,
    pub field: Option<String>,
    pub message: String,
}

impl std::ops::Deref for Error {
    type Target = ErrorFields;
    fn deref(&self) -> &ErrorFields {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorFields {
        &mut self.0
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.code)
            .field("field", &self.field)
            .field("message", &self.message)
            .finish()
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl From<ErrorFields> for Error {
    fn from(fields: ErrorFields) -> Error {
        Error(Held::from(fields))
    }
}

impl Error {
    /// A new error for `field` (empty for none).
    pub fn new(code: ErrorCode, field: impl Into<String>, message: impl Into<String>) -> Self {
        let field = field.into();
        Error::from(ErrorFields {
            code,
            field: if field.is_empty() { None } else { Some(field) },
            message: message.into(),
        })
    }

    /// The fields, owned.
    pub fn into_fields(self) -> ErrorFields {
        #[cfg(target_arch = "wasm32")]
        return *self.0;
        #[cfg(not(target_arch = "wasm32"))]
        return self.0;
    }

    /// The same error, re-anchored under a parent path (`lines[3]` + `code` → `lines[3].code`).
    pub fn within(mut self, parent: &str) -> Self {
        self.field = Some(match self.field.take() {
            Some(f) if f.starts_with('[') => format!("{parent}{f}"),
            Some(f) => format!("{parent}.{f}"),
            None => parent.to_string(),
        });
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}: {}: {}", self.code, field, self.message),
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

impl std::error::Error for Error {}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Most characters of a caller's value an error message repeats: a megabyte of digits is cut,
/// never echoed whole.
const SHOWN_CHARS: usize = 40;

/// A caller's value as an error message shows it: quoted, cut after [`SHOWN_CHARS`] characters
/// with its length.
pub(crate) fn shown(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        None => format!("{text:?}"),
        Some((cut, _)) => format!("{:?}… ({} characters)", &text[..cut], text.chars().count()),
    }
}
