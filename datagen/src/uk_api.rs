//! UK Trade Tariff API v2 commodity files → rows of the GB tariff table.
