using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using System.Data.Common;

namespace CampaignEngine.Web.Features.Compatriots.Search;

/// <summary>What the search index keeps of a person: the searchable fields and the scope they are searched in.</summary>
internal sealed record IndexedPerson(long Id, string FullName, string? Phone, string? ExternalId, string? HomeRegion, long? OrganizationId);

/// <summary>
/// Keeps <c>directory_search_term</c> in step with <c>directory_compatriot</c>. The directory's writers call
/// <see cref="Terms"/> in their own transaction, so a person is findable exactly when they are written; an erased
/// person's terms go with their name. <see cref="CatchUp"/> indexes rows written before the table existed or under an
/// older folding (<see cref="SearchTerms.Version"/>). Every write replaces the person's terms: safe to repeat.
/// </summary>
internal sealed class SearchIndex(Db db)
{
    private const int Batch = 2_000;

    /// <summary>Prepared statements for one transaction's worth of people; dispose with the transaction.</summary>
    internal static TermWriter Terms(DbConnection connection, DbTransaction transaction) => new(connection, transaction);

    /// <summary>Removes a person's terms (erasure): nothing of them is searchable any more.</summary>
    internal static void Remove(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long compatriotId) =>
        connection.Execute("DELETE FROM directory_search_term WHERE compatriot_id = @compatriotId", new { compatriotId }, transaction);

    /// <summary>
    /// Marks people indexed under an older folding as not indexed (nothing to do unless <see cref="SearchTerms.Version"/>
    /// changed), so that <see cref="CatchUp"/> indexes them again.
    /// </summary>
    public void ForgetOlderFoldings()
    {
        using var connection = db.Open();
        connection.Execute("UPDATE directory_compatriot SET search_version = NULL WHERE search_version <> @version",
            new { version = SearchTerms.Version });
    }

    /// <summary>Whether anyone waits to be indexed: one probe of a partial index, cheap enough to ask every few seconds.</summary>
    public bool AnyUnindexed()
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long?>(
            "SELECT 1 FROM directory_compatriot WHERE search_version IS NULL AND erased_at IS NULL LIMIT 1") is not null;
    }

    /// <summary>Indexes every person not indexed yet, in batches; the number indexed.</summary>
    public int CatchUp(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var connection = db.Open();
            using var transaction = connection.BeginTransaction();
            var people = connection.Query<IndexedPerson>("""
                SELECT id, full_name AS FullName, phone, external_id AS ExternalId, home_region AS HomeRegion, organization_id AS OrganizationId
                FROM directory_compatriot
                WHERE search_version IS NULL AND erased_at IS NULL
                ORDER BY id LIMIT @batch
                """, new { batch = Batch }, transaction).ToList();
            if (people.Count == 0) break;
            CompatriotsSql.Of(connection).IndexBatch(connection, transaction, people);
            transaction.Commit();
            total += people.Count;
        }
        return total;
    }

    /// <summary>
    /// Drops the indexes a load of many new people in <paramref name="transaction"/> would otherwise keep current row by
    /// row (<see cref="CompatriotsSql.BulkLoadIndexes"/> says which: the term table's secondary indexes, on PostgreSQL its
    /// key too, on SQLite the directory's list order); <see cref="DroppedIndexes.Restore"/> builds them again, from their
    /// own definitions, before the commit. An index built from sorted keys costs far less than one kept current through
    /// millions of inserts, and nobody else sees the tables without them: readers read the last commit, writers wait for
    /// this one.
    /// </summary>
    internal static DroppedIndexes WithoutIndexesForBulkLoad(DbConnection connection, DbTransaction transaction)
    {
        var indexes = connection.Query<(string Drop, string Restore)>(CompatriotsSql.Of(connection).BulkLoadIndexes, transaction: transaction).ToList();
        foreach (var (drop, _) in indexes) connection.Execute(drop, transaction: transaction);
        return new DroppedIndexes(connection, transaction, indexes.Select(d => d.Restore).ToList());
    }

    internal sealed class DroppedIndexes(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> definitions)
    {
        public int Count => definitions.Count;

        public void Restore()
        {
            using var sorting = CompatriotsSql.Of(connection).ForBulkSorts(connection, transaction);
            foreach (var sql in definitions) connection.Execute(sql, transaction: transaction, commandTimeout: Db.BulkStatementSeconds);
        }
    }

    internal sealed class TermWriter(DbConnection connection, DbTransaction transaction) : IDisposable
    {
        private readonly PreparedCommand _delete = CompatriotsSql.Of(connection).Prepare(connection, transaction, "DELETE FROM directory_search_term WHERE compatriot_id = @id", "id");
        private readonly PreparedCommand _insert = CompatriotsSql.Of(connection).Prepare(connection, transaction, """
            INSERT INTO directory_search_term (term, compatriot_id, home_region, organization_id)
            VALUES (@term, @id, @region, @organization) ON CONFLICT DO NOTHING
            """, "term", "id", "region", "organization");
        private readonly PreparedCommand _mark = CompatriotsSql.Of(connection).Prepare(connection, transaction,
            "UPDATE directory_compatriot SET search_version = @version WHERE id = @id", "version", "id");
        private readonly List<(string Term, IndexedPerson Person)> _pending = [];
        private TermStage? _stage;

        /// <summary>
        /// Replaces the person's terms. <paramref name="markIndexed"/> stamps the row with the folding's version;
        /// the import's own statement writes that column itself.
        /// </summary>
        /// <param name="fresh">The person was inserted in this transaction: there are no old terms to remove.</param>
        public void Write(IndexedPerson person, bool markIndexed, bool fresh = false)
        {
            if (!fresh) _delete.Set("id", person.Id).Execute();
            foreach (var term in TermsOf(person)) Insert(term, person);
            if (markIndexed) _mark.Set("version", SearchTerms.Version).Set("id", person.Id).Execute();
        }

        /// <summary>
        /// The terms of a person inserted in this transaction, staged in a temporary table and written with everyone
        /// else's in index order by <see cref="Flush"/>, which the caller calls before it commits. A million people's
        /// terms inserted in the order they come land all over the index, and each insert then reads and rewrites a
        /// page of its own; in index order SQLite appends to the pages it has at hand.
        /// </summary>
        public void Add(IndexedPerson person)
        {
            foreach (var term in TermsOf(person))
            {
                _pending.Add((term, person));
                if (_pending.Count == CompatriotsSql.Of(connection).TermsPerStage) Stage();
            }
        }

        /// <summary>Writes the terms staged by <see cref="Add"/>, sorted by SQLite as the index keeps them.</summary>
        public void Flush()
        {
            if (_stage is null && _pending.Count == 0) return;
            var stage = Stage();
            using (CompatriotsSql.Of(connection).ForBulkSorts(connection, transaction))
            {
                connection.Execute("""
                    INSERT INTO directory_search_term (term, compatriot_id, home_region, organization_id)
                    SELECT term, compatriot_id, home_region, organization_id FROM search_stage ORDER BY term, compatriot_id
                    ON CONFLICT DO NOTHING
                    """, transaction: transaction, commandTimeout: Db.BulkStatementSeconds);
            }
            stage.Dispose();
            _stage = null;
            connection.Execute("DROP TABLE search_stage", transaction: transaction);
        }

        private TermStage Stage()
        {
            if (_stage is null)
            {
                connection.Execute("CREATE TEMP TABLE search_stage (term TEXT, compatriot_id BIGINT, home_region TEXT, organization_id BIGINT)",
                    transaction: transaction);
                _stage = CompatriotsSql.Of(connection).StageTerms(connection, transaction);
            }
            _stage.Write(_pending);
            _pending.Clear();
            return _stage;
        }

        internal static IReadOnlySet<string> TermsOf(IndexedPerson person) =>
            SearchTerms.Of(person.FullName, person.Phone, person.ExternalId, person.OrganizationId);

        private void Insert(string term, IndexedPerson person) => _insert.Set("term", term).Set("id", person.Id)
            .Set("region", person.HomeRegion).Set("organization", person.OrganizationId).Execute();

        public void Dispose()
        {
            _delete.Dispose();
            _insert.Dispose();
            _mark.Dispose();
            _stage?.Dispose();
        }
    }
}

/// <summary>
/// Indexes, after the host has started, the people an older version wrote, and then, every few seconds, anyone written
/// without terms by another host or a script; searches meanwhile find those already done.
/// </summary>
internal sealed class SearchIndexAtStart(SearchIndex index, ILogger<SearchIndexAtStart> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            index.ForgetOlderFoldings();
        }
        catch (DbException ex)
        {
            logger.LogWarning("Directory search: people of an older folding are indexed at the next start ({Error})", ex.ErrorCode);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (index.AnyUnindexed())
                {
                    var indexed = index.CatchUp(stoppingToken);
                    if (indexed > 0) logger.LogInformation("Directory search: {Count} people indexed", indexed);
                }
            }
            catch (DbException ex)
            {
                // A busy database is no reason to stop the host: the next round tries again.
                logger.LogWarning("Directory search: indexing waits for the next round ({Error})", ex.ErrorCode);
            }
            try
            {
                await Task.Delay(Every, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
