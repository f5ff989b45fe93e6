/// Whether a list of flows or agreements may name one id twice, decided on every core. Most
/// models repeat none, and showing that with one set of 200,000 ids held one core for 50 ms of
/// a national read while the other waited.
enum RepeatedIds {
    /// The hashes are sorted in `1 << shardBits` groups by their top bits: small enough to sort
    /// in cache, enough to share out among the cores.
    static let shardBits = 6

    /// False when no two ids are equal. True when two ids' hashes are equal: a repeated id, or
    /// (about once in 10^9 national models) two ids with one 64-bit hash; the caller then walks
    /// the ids in order, which decides exactly.
    static func mayRepeat<Entity: GeneratedIdEntity>(_ entities: [Entity]) -> Bool {
        guard entities.count > 1 else { return false }
        let hashes = Parallel.array(entities.count, minimumSlice: 8192) { UInt(bitPattern: entities[$0].id.hashValue) }
        let shardCount = 1 << shardBits
        let shift = UInt(UInt.bitWidth - shardBits)
        // Counting sort by shard, then each shard sorted on its own: equal hashes end up adjacent.
        var starts = Array(repeating: 0, count: shardCount + 1)
        for hash in hashes { starts[Int(hash >> shift) + 1] += 1 }
        for shard in 0..<shardCount { starts[shard + 1] += starts[shard] }
        var grouped = [UInt](repeating: 0, count: hashes.count)
        var next = starts
        for hash in hashes {
            let shard = Int(hash >> shift)
            grouped[next[shard]] = hash
            next[shard] += 1
        }
        let sharded = grouped
        let bounds = starts
        return Parallel.map(shardCount) { shard in
            var part = Array(sharded[bounds[shard]..<bounds[shard + 1]])
            part.sort()
            return zip(part, part.dropFirst()).contains { $0 == $1 }
        }.contains(true)
    }
}
