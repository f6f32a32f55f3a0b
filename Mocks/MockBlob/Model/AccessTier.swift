/// Blob access tiers the mock supports.
enum AccessTier: String, Codable, Sendable, CaseIterable {
    case hot = "Hot", cool = "Cool", cold = "Cold", archive = "Archive"

    /// Parses a tier name case-insensitively.
    init?(header: String) {
        guard let t = AccessTier.allCases.first(where: { $0.rawValue.lowercased() == header.lowercased() }) else { return nil }
        self = t
    }
}

/// A pending move out of the Archive tier.
struct Rehydration: Codable, Sendable, Equatable {
    var target: AccessTier
    var readyAt: Date
    /// `x-ms-archive-status` while pending.
    var archiveStatus: String { "rehydrate-pending-to-\(target.rawValue.lowercased())" }
}

import Foundation
