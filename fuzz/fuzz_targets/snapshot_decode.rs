//! Any bytes as a snapshot: rejected by the hash (or the header), never read.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = landed::snapshot::Snapshot::decode(data) {
        // Only a byte-exact snapshot passes the hash; then every table must decode.
        for t in &s.tables {
            let _ = s.rows(t);
        }
    }
    // A corrupted copy of the real snapshot is always rejected.
    let real = landed::snapshot::embedded_bytes();
    if !data.is_empty() && data.len() < 64 {
        let mut bytes = real.to_vec();
        let at = (data[0] as usize * 7919 + data.len() * 104_729) % bytes.len();
        bytes[at] ^= data[data.len() - 1] | 1;
        assert!(landed::snapshot::Snapshot::decode(&bytes).is_err());
        assert!(landed::snapshot::Snapshot::decode(&real[..real.len() - 1 - at % 1000]).is_err());
    }
});
