namespace Fennec.Storage.Schema;

/// <summary>
/// The schema as an ordered list of steps; <c>PRAGMA user_version</c> holds how many a store has taken. Steps are
/// only ever appended: a released step is never edited, since stores in the field already ran it.
/// </summary>
/// <remarks>
/// Conventions, so a person with the <c>sqlite3</c> shell can read the tables: addresses are TEXT in the form
/// fennec prints them, times are INTEGER Unix nanoseconds (<c>*_ns</c>) with views that add ISO 8601 text, wall-clock
/// times are ISO 8601 TEXT, flags are INTEGER 0/1, enumerations are lower-case words, unknown is NULL.
/// </remarks>
internal static class Migrations
{
    /// <summary>'FNEC': marks a SQLite file as a fennec store (PRAGMA application_id).</summary>
    public const int ApplicationId = 0x464E4543;

    /// <summary>The steps, in order; the store's version is the last one's.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "runs, sensors, flows, hosts, rollups, scores, incidents, model snapshots", """
            CREATE TABLE runs (
                id INTEGER PRIMARY KEY,
                command TEXT NOT NULL,
                inputs TEXT NOT NULL,            -- JSON array of strings
                started_at TEXT NOT NULL,        -- ISO 8601
                fennec_version TEXT NOT NULL,
                options TEXT NOT NULL,           -- JSON object
                status TEXT NOT NULL DEFAULT 'running',
                finished_at TEXT,
                packets INTEGER,
                flows INTEGER,
                capture_first_ns INTEGER,
                capture_last_ns INTEGER
            );

            CREATE TABLE sensors (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                first_run_id INTEGER NOT NULL REFERENCES runs(id)
            );

            CREATE TABLE flows (
                run_id INTEGER NOT NULL REFERENCES runs(id),
                sensor_id INTEGER NOT NULL REFERENCES sensors(id),
                first_ns INTEGER NOT NULL,
                last_ns INTEGER NOT NULL,
                src_ip TEXT NOT NULL,
                dst_ip TEXT NOT NULL,
                src_port INTEGER NOT NULL,
                dst_port INTEGER NOT NULL,
                protocol INTEGER NOT NULL,
                vlan INTEGER NOT NULL,
                packets_fwd INTEGER NOT NULL,
                bytes_fwd INTEGER NOT NULL,
                packets_rev INTEGER NOT NULL,
                bytes_rev INTEGER NOT NULL,
                tcp_flags_fwd INTEGER NOT NULL,
                tcp_flags_rev INTEGER NOT NULL,
                state TEXT,
                end_reason TEXT,
                sampling_rate INTEGER NOT NULL,
                src_country TEXT,
                dst_country TEXT,
                src_asn INTEGER,
                dst_asn INTEGER,
                src_inside INTEGER NOT NULL,
                dst_inside INTEGER NOT NULL,
                exporter TEXT
            );
            CREATE INDEX flows_by_run_time ON flows(run_id, first_ns);

            CREATE TABLE hosts (
                run_id INTEGER NOT NULL REFERENCES runs(id),
                ip TEXT NOT NULL,
                inside INTEGER NOT NULL,
                country TEXT,
                asn INTEGER,
                first_ns INTEGER NOT NULL,
                last_ns INTEGER NOT NULL,
                bytes_out INTEGER NOT NULL,
                bytes_in INTEGER NOT NULL,
                packets_out INTEGER NOT NULL,
                packets_in INTEGER NOT NULL,
                flows_out INTEGER NOT NULL,
                flows_in INTEGER NOT NULL,
                peers INTEGER NOT NULL,
                PRIMARY KEY (run_id, ip)
            ) WITHOUT ROWID;

            CREATE TABLE rollups (
                run_id INTEGER NOT NULL REFERENCES runs(id),
                granularity TEXT NOT NULL,       -- minute | hour
                bucket_ns INTEGER NOT NULL,
                dimension TEXT NOT NULL,         -- site | host | country | protocol | port
                key TEXT NOT NULL,
                direction TEXT NOT NULL,         -- in | out | internal
                bytes INTEGER NOT NULL,
                packets INTEGER NOT NULL,
                flows INTEGER NOT NULL,
                distinct_peers INTEGER NOT NULL
            );
            CREATE INDEX rollups_by_run_dimension_bucket ON rollups(run_id, granularity, dimension, bucket_ns);

            CREATE TABLE scores (
                run_id INTEGER NOT NULL REFERENCES runs(id),
                detector TEXT NOT NULL,
                ns INTEGER NOT NULL,
                key TEXT NOT NULL,
                score REAL NOT NULL,
                threshold REAL NOT NULL
            );
            CREATE INDEX scores_by_run_detector_time ON scores(run_id, detector, ns);

            CREATE TABLE incidents (
                run_id INTEGER NOT NULL REFERENCES runs(id),
                id INTEGER NOT NULL,
                first_ns INTEGER NOT NULL,
                last_ns INTEGER NOT NULL,
                severity REAL NOT NULL,
                kind TEXT NOT NULL,
                host TEXT NOT NULL,
                peer TEXT,
                title TEXT NOT NULL,
                explanation TEXT NOT NULL,
                shown INTEGER NOT NULL,
                evidence TEXT NOT NULL,          -- JSON
                PRIMARY KEY (run_id, id)
            );

            CREATE TABLE model_snapshots (
                id INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL REFERENCES runs(id),
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                size INTEGER NOT NULL,
                data BLOB NOT NULL
            );
            CREATE INDEX model_snapshots_by_run ON model_snapshots(run_id, name);
            """),
        new(2, "views with ISO 8601 times", """
            CREATE VIEW flows_view AS
            SELECT f.run_id, s.name AS sensor,
                   strftime('%Y-%m-%dT%H:%M:%fZ', f.first_ns / 1e9, 'unixepoch') AS first_time,
                   strftime('%Y-%m-%dT%H:%M:%fZ', f.last_ns / 1e9, 'unixepoch') AS last_time,
                   (f.last_ns - f.first_ns) / 1e9 AS duration_s,
                   f.src_ip, f.src_port, f.dst_ip, f.dst_port, f.protocol, f.vlan,
                   f.packets_fwd, f.bytes_fwd, f.packets_rev, f.bytes_rev, f.tcp_flags_fwd, f.tcp_flags_rev,
                   f.state, f.end_reason, f.sampling_rate, f.src_country, f.dst_country, f.src_asn, f.dst_asn,
                   f.src_inside, f.dst_inside, f.exporter, f.first_ns, f.last_ns
            FROM flows f JOIN sensors s ON s.id = f.sensor_id;

            CREATE VIEW hosts_view AS
            SELECT run_id, ip, inside, country, asn,
                   strftime('%Y-%m-%dT%H:%M:%fZ', first_ns / 1e9, 'unixepoch') AS first_time,
                   strftime('%Y-%m-%dT%H:%M:%fZ', last_ns / 1e9, 'unixepoch') AS last_time,
                   bytes_out, bytes_in, packets_out, packets_in, flows_out, flows_in, peers
            FROM hosts;

            CREATE VIEW rollups_view AS
            SELECT run_id, granularity, strftime('%Y-%m-%dT%H:%M:%SZ', bucket_ns / 1e9, 'unixepoch') AS bucket,
                   dimension, key, direction, bytes, packets, flows, distinct_peers, bucket_ns
            FROM rollups;

            CREATE VIEW scores_view AS
            SELECT run_id, detector, strftime('%Y-%m-%dT%H:%M:%fZ', ns / 1e9, 'unixepoch') AS time, key, score,
                   threshold, score > threshold AS flagged, ns
            FROM scores;

            CREATE VIEW incidents_view AS
            SELECT run_id, id, strftime('%Y-%m-%dT%H:%M:%fZ', first_ns / 1e9, 'unixepoch') AS first_time,
                   strftime('%Y-%m-%dT%H:%M:%fZ', last_ns / 1e9, 'unixepoch') AS last_time,
                   severity, kind, host, peer, title, explanation, shown, evidence
            FROM incidents;
            """),
    ];

    /// <summary>The version this code writes.</summary>
    public static int Latest => All[^1].Version;
}
