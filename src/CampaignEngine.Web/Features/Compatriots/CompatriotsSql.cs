using System.Data.Common;
using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Features.Compatriots;

/// <summary>
/// Where the directory's engines differ (ADR 0012), side by side: how a statement run per row is prepared and how a new
/// person's id comes back, how a batch of search terms is written, where the term table's indexes are listed, and what
/// a large import does around its transaction (page cache, audience-cell trigger, planner statistics), and how the
/// directory list finds its kept columns current (migration 0061). Every other
/// statement of the feature reads alike on both. The engine is the connection's.
/// </summary>
internal abstract class CompatriotsSql
{
    private static readonly CompatriotsSql OnSqlite = new Sqlite();
    private static readonly CompatriotsSql OnPostgreSql = new PostgreSql();

    public static CompatriotsSql Of(DbConnection connection) => connection is SqliteConnection ? OnSqlite : OnPostgreSql;


    /// <summary>A statement prepared once in <paramref name="transaction"/> and run for every row of a batch.</summary>
    public abstract PreparedCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters);

    /// <summary>What ends an insert whose new id <see cref="PreparedCommand.InsertReturningId"/> reads back.</summary>
    public abstract string ReturningId { get; }

    /// <summary>
    /// The writer of an import's new people (<paramref name="columns"/>, then their consent events from
    /// <paramref name="source"/> at <paramref name="at"/>): each person's id reaches the caller once the person is written.
    /// </summary>
    public abstract NewPeople NewPeopleOf(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> columns, string source, string at);

    /// <summary>
    /// The writer of the people an import updates (<paramref name="columns"/>; their terms through <paramref name="terms"/>
    /// where the engine writes them one by one; changed consents as events from <paramref name="source"/> at <paramref name="at"/>).
    /// </summary>
    public abstract ChangedPeople ChangedPeopleOf(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> columns,
        SearchIndex.TermWriter terms, string source, string at);

    /// <summary>How many of a load's search terms <see cref="StageTerms"/>' stage writes at a time.</summary>
    public abstract int TermsPerStage { get; }

    /// <summary>The writer of a load's search terms into the temporary table <c>search_stage</c>.</summary>
    public abstract TermStage StageTerms(DbConnection connection, DbTransaction transaction);

    /// <summary>Writes the search terms of a batch of people and marks them indexed (the catch-up).</summary>
    public abstract void IndexBatch(DbConnection connection, DbTransaction transaction, IReadOnlyList<IndexedPerson> people);

    /// <summary>
    /// The indexes a load of many new people drops and builds again before its commit, as (drop, restore) statements:
    /// on SQLite every secondary index of <see cref="CompatriotWriter.WrittenTables"/>; on PostgreSQL the term table's
    /// secondary indexes and its key.
    /// </summary>
    public abstract string BulkLoadIndexes { get; }

    /// <summary>The import's connection made ready for a long write until disposed.</summary>
    public abstract IDisposable ForImport(DbConnection connection);

    /// <summary>
    /// The connection made ready for an import's large sorts until disposed: the staged search terms put in index order,
    /// the indexes a bulk load dropped (<see cref="BulkLoadIndexes"/>) built again.
    /// </summary>
    public abstract IDisposable ForBulkSorts(DbConnection connection, DbTransaction transaction);

    /// <summary>
    /// The audience cells of a large import counted once before its commit (<see cref="BulkAudienceCells"/>): of a load of
    /// new people only (<paramref name="onlyNewPeople"/>) on SQLite, of any large import on PostgreSQL; null where not.
    /// </summary>
    public abstract BulkAudienceCells? CountCellsOnce(DbConnection connection, DbTransaction transaction, bool onlyNewPeople);

    /// <summary>
    /// The foreign keys of what a large import writes, checked once before its commit instead of row by row; null where
    /// they stay enforced row by row. Called before the import's transaction begins.
    /// </summary>
    public abstract BulkReferences? SuspendReferences(DbConnection connection);

    /// <summary>After an import's commit: what the engine needs to plan searches on the people it wrote.</summary>
    public abstract void AfterImport(DbConnection connection, int written);

    /// <summary>
    /// Where the directory list's changes stand in the transaction's view (migration 0061); the transaction's first
    /// statement on PostgreSQL, where it fixes the snapshot.
    /// </summary>
    public abstract string ListPosition(DbConnection connection, DbTransaction transaction);

    /// <summary>Whether nothing the list reads changed between two positions, <paramref name="seen"/> the older.</summary>
    public abstract bool ListUnchanged(DbConnection connection, DbTransaction transaction, string seen, string now);

    private sealed class Sqlite : CompatriotsSql
    {
        public override PreparedCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters) =>
            new PreparedCommand.SqliteStatement((SqliteConnection)connection, sql, parameters);

        // No RETURNING: the new id is the connection's last row id (PreparedCommand.SqliteStatement.InsertReturningId).
        public override string ReturningId => "";

        // In the process, a prepared statement per person costs microseconds: each is written as it comes.
        public override NewPeople NewPeopleOf(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> columns, string source, string at) =>
            new NewPeople.OneByOne(this, connection, transaction, columns, source, at);

        public override ChangedPeople ChangedPeopleOf(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> columns,
            SearchIndex.TermWriter terms, string source, string at) =>
            new ChangedPeople.OneByOne(this, connection, transaction, columns, terms, source, at);

        public override int TermsPerStage => TermStage.Values.Size;

        public override TermStage StageTerms(DbConnection connection, DbTransaction transaction) => new TermStage.Values((SqliteConnection)connection);

        // In the process, a prepared statement per term costs microseconds.
        public override void IndexBatch(DbConnection connection, DbTransaction transaction, IReadOnlyList<IndexedPerson> people)
        {
            using var terms = SearchIndex.Terms(connection, transaction);
            foreach (var person in people) terms.Write(person, markIndexed: true);
        }

        // Every secondary index of the tables an import writes row by row: the directory's ten cost the insert of a
        // million people more than building them at the end (docs/benchmarks.md, session 23). Readers go on reading the
        // last commit meanwhile. Keys and unique constraints stay (their indexes have no sql): the external id stays
        // unique as each row goes in, and the term table's key is its rows' order (WITHOUT ROWID): the terms go in sorted.
        public override string BulkLoadIndexes => $"""
            SELECT 'DROP INDEX "' || replace(name, '"', '""') || '"', sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", CompatriotWriter.WrittenTables.Select(t => $"'{t}'"))})
            """;

        public override IDisposable ForImport(DbConnection connection) => ImportCache.Of((SqliteConnection)connection);

        public override IDisposable ForBulkSorts(DbConnection connection, DbTransaction transaction) =>
            BulkSorter.Of((SqliteConnection)connection, transaction);

        // The triggers go for the load and the new people are counted by one grouped count: any trigger makes SQLite keep
        // a statement journal per insert. Only a load of new people: they are the rows above the largest id before it.
        public override BulkAudienceCells? CountCellsOnce(DbConnection connection, DbTransaction transaction, bool onlyNewPeople) =>
            onlyNewPeople ? SqliteBulkAudienceCells.Suspend(connection, transaction) : null;

        public override BulkReferences? SuspendReferences(DbConnection connection) => BulkReferences.Suspend((SqliteConnection)connection);

        // Its searches met their budgets on an imported million without fresh statistics.
        public override void AfterImport(DbConnection connection, int written)
        {
        }

        public override string ListPosition(DbConnection connection, DbTransaction transaction) =>
            connection.ExecuteScalar<long>("SELECT version FROM directory_list_version WHERE one = 1", transaction: transaction)
                .ToString(System.Globalization.CultureInfo.InvariantCulture);

        // One writer at a time: the counter moves with every change the list reads, in commit order.
        public override bool ListUnchanged(DbConnection connection, DbTransaction transaction, string seen, string now) => seen == now;
    }

    private sealed class PostgreSql : CompatriotsSql
    {
        public override PreparedCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters) =>
            new PreparedCommand.ProviderCommand(connection, transaction, sql, parameters);

        public override string ReturningId => " RETURNING id";

        // A statement per person is a round trip, a parse (these cannot stay prepared, ADR 0012) and a run of the audience
        // cells' statement trigger: the import of a million ran at about 600 people a second. A batch is one of each.
        public override NewPeople NewPeopleOf(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> columns, string source, string at) =>
            new NewPeople.InBatches(connection, transaction, columns, source, at);

        // The same for the people a re-import updates: a dozen statements per person (update, old terms out, each term
        // and changed consent in) become three per batch.
        public override ChangedPeople ChangedPeopleOf(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> columns,
            SearchIndex.TermWriter terms, string source, string at) =>
            new ChangedPeople.InBatches(connection, transaction, columns, people => ReplaceTerms(connection, transaction, people), source, at);

        public override int TermsPerStage => TermStage.Arrays.Size;

        public override TermStage StageTerms(DbConnection connection, DbTransaction transaction) => new TermStage.Arrays(connection, transaction);

        /// <summary>
        /// A batch's terms in three statements. Each statement is a round trip to the server, and
        /// <see cref="SearchIndex.TermWriter.Write"/> makes one per term and two per person: the catch-up of a directory
        /// written without terms (a copy, a script, an older version) ran at about 200 people a second. The terms go as
        /// arrays through <c>unnest</c>, in index order.
        /// </summary>
        public override void IndexBatch(DbConnection connection, DbTransaction transaction, IReadOnlyList<IndexedPerson> people)
        {
            ReplaceTerms(connection, transaction, people);
            connection.Execute("UPDATE directory_compatriot SET search_version = @version WHERE id = ANY(@ids)",
                new { version = SearchTerms.Version, ids = people.Select(p => p.Id).ToArray() }, transaction);
        }

        private static void ReplaceTerms(DbConnection connection, DbTransaction transaction, IReadOnlyList<IndexedPerson> people)
        {
            var rows = people.SelectMany(person => SearchIndex.TermWriter.TermsOf(person).Select(term => (Term: term, Person: person))).ToList();
            var ids = people.Select(p => p.Id).ToArray();
            connection.Execute("DELETE FROM directory_search_term WHERE compatriot_id = ANY(@ids)", new { ids }, transaction);
            connection.Execute("""
                INSERT INTO directory_search_term (term, compatriot_id, home_region, organization_id)
                SELECT term, compatriot_id, home_region, organization_id
                FROM unnest(@terms::text[], @termIds::bigint[], @regions::text[], @organizations::bigint[])
                    AS t (term, compatriot_id, home_region, organization_id)
                ORDER BY term, compatriot_id
                ON CONFLICT DO NOTHING
                """, new
            {
                terms = rows.Select(r => r.Term).ToArray(),
                termIds = rows.Select(r => r.Person.Id).ToArray(),
                regions = rows.Select(r => r.Person.HomeRegion).ToArray(),
                organizations = rows.Select(r => r.Person.OrganizationId).ToArray(),
            }, transaction);
        }

        // The terms' only: dropping an index of the directory would lock the whole directory against every other session
        // (sends, pledges, other hosts) until the import commits, where SQLite's readers go on reading the last commit.
        // The term table is locked by the first drop anyway, so its key goes too: a million people's terms went in
        // in 47.8 s instead of 60.0 s, and the key was built after in 1.5 s (docs/benchmarks.md). The terms' foreign key
        // stays, though it costs most of the rest: dropping it would lock the directory against every writer (ADR 0017).
        // New people's terms cannot collide with anyone's, so nothing needs the key meanwhile; had they, its rebuild fails
        // the import.
        public override string BulkLoadIndexes => """
            SELECT format('DROP INDEX %I', indexname), indexdef FROM pg_indexes
            WHERE tablename = 'directory_search_term'
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'directory_search_term'::regclass)
            UNION ALL
            SELECT format('ALTER TABLE directory_search_term DROP CONSTRAINT %I', conname),
                   format('ALTER TABLE directory_search_term ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid))
            FROM pg_constraint WHERE conrelid = 'directory_search_term'::regclass AND contype = 'p'
            """;

        // The shared buffers are the server's: nothing to size per connection.
        public override IDisposable ForImport(DbConnection connection) => NothingToUndo.Instance;

        // How the server sorts is its own settings' (work_mem, maintenance_work_mem, its parallel workers).
        public override IDisposable ForBulkSorts(DbConnection connection, DbTransaction transaction) => NothingToUndo.Instance;

        // The triggers stay (ADR 0012: other hosts insert meanwhile) and hand this transaction's changes to a table of its own
        // (migration 0062): per statement, a million people left the cells 41 MB of row versions that every later read went through.
        public override BulkAudienceCells? CountCellsOnce(DbConnection connection, DbTransaction transaction, bool onlyNewPeople) =>
            PostgreSqlBulkAudienceCells.Defer(connection, transaction);

        // A key cannot be switched off for one transaction here; ADR 0017 says what the term table's key costs.
        public override BulkReferences? SuspendReferences(DbConnection connection) => null;

        /// <summary>
        /// The planner's statistics describe the tables before the import until autovacuum gets round to them (a minute
        /// or more); meanwhile national staff's searches took 7–62 ms instead of 1–7 ms on 20,000 imported people
        /// (docs/benchmarks.md). So an import that wrote many rows refreshes them itself (ANALYZE reads a sample).
        /// </summary>
        public override void AfterImport(DbConnection connection, int written)
        {
            if (written >= ImportStatistics.Rows) connection.Execute("ANALYZE directory_compatriot, directory_search_term", commandTimeout: Db.BulkStatementSeconds);
        }

        public override string ListPosition(DbConnection connection, DbTransaction transaction) => ReadSnapshot.PostgreSqlSnapshot(connection, transaction);

        // Changed: a logged statement whose transaction the new snapshot sees and the old one did not, or a log row
        // deleted that the old snapshot may not have seen.
        public override bool ListUnchanged(DbConnection connection, DbTransaction transaction, string seen, string now) =>
            seen == now || connection.ExecuteScalar<bool>("""
                SELECT pg_snapshot_xmin(@now::pg_snapshot) >= pg_snapshot_xmin(@seen::pg_snapshot)
                   AND NOT EXISTS (SELECT 1 FROM directory_list_trim WHERE xid >= pg_snapshot_xmin(@seen::pg_snapshot))
                   AND NOT EXISTS (SELECT 1 FROM directory_list_change
                                   WHERE xid >= pg_snapshot_xmin(@seen::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, @seen::pg_snapshot))
                """, new { seen, now }, transaction);
    }

    private sealed class NothingToUndo : IDisposable
    {
        public static readonly NothingToUndo Instance = new();

        public void Dispose()
        {
        }
    }
}
