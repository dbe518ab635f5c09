using System.Data.Common;
using CampaignEngine.Web.Features.Compatriots.Import;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Features.Compatriots.Search;

/// <summary>
/// Writes a load's search terms into the temporary table <c>search_stage</c>, a group of
/// <see cref="CompatriotsSql.TermsPerStage"/> at a time, from which <see cref="SearchIndex.TermWriter.Flush"/> inserts
/// them all in index order. <see cref="CompatriotsSql.StageTerms"/> makes the engine's own.
/// </summary>
internal abstract class TermStage : IDisposable
{
    /// <summary>Stages any number of terms, up to <see cref="CompatriotsSql.TermsPerStage"/>.</summary>
    public abstract void Write(IReadOnlyList<(string Term, IndexedPerson Person)> terms);

    public abstract void Dispose();

    /// <summary>
    /// SQLite: a prepared statement of <see cref="Size"/> rows of values, run in the process: one call into SQLite
    /// instead of one per term, and its values bound by position (<see cref="PreparedCommand.SqliteStatement"/>).
    /// </summary>
    internal sealed class Values : TermStage
    {
        public const int Size = 32;

        private static readonly string[][] Names =
            [.. Enumerable.Range(0, Size).Select(i => new[] { $"term{i}", $"id{i}", $"region{i}", $"organization{i}" })];

        private readonly SqliteConnection _connection;
        private readonly PreparedCommand _group;
        private PreparedCommand? _one;

        public Values(SqliteConnection connection)
        {
            _connection = connection;
            _group = Insert(Names);
        }

        /// <summary>Full groups through the prepared statement of <see cref="Size"/> rows, the rest one by one.</summary>
        public override void Write(IReadOnlyList<(string Term, IndexedPerson Person)> terms)
        {
            var whole = terms.Count - (terms.Count % Size);
            for (var start = 0; start < whole; start += Size)
            {
                for (var i = 0; i < Size; i++) Set(_group, Names[i], terms[start + i]);
                _group.Execute();
            }
            for (var i = whole; i < terms.Count; i++)
            {
                _one ??= Insert(Names[..1]);
                Set(_one, Names[0], terms[i]);
                _one.Execute();
            }
        }

        private PreparedCommand Insert(string[][] rows) => new PreparedCommand.SqliteStatement(_connection, $"""
            INSERT INTO search_stage (term, compatriot_id, home_region, organization_id)
            VALUES {string.Join(", ", rows.Select(n => $"(@{n[0]}, @{n[1]}, @{n[2]}, @{n[3]})"))}
            """, [.. rows.SelectMany(names => names)]);

        private static void Set(PreparedCommand insert, string[] names, (string Term, IndexedPerson Person) row) =>
            insert.Set(names[0], row.Term).Set(names[1], row.Person.Id).Set(names[2], row.Person.HomeRegion).Set(names[3], row.Person.OrganizationId);

        public override void Dispose()
        {
            _group.Dispose();
            _one?.Dispose();
        }
    }

    /// <summary>
    /// PostgreSQL: one statement over four arrays (<c>unnest</c>) for <see cref="Size"/> terms. Each statement is a round
    /// trip and a parse here (ADR 0012): staged 32 at a time, a million people's seven million terms took 218,000 of
    /// them (docs/benchmarks.md).
    /// </summary>
    internal sealed class Arrays(DbConnection connection, DbTransaction transaction) : TermStage
    {
        public const int Size = 8_192;

        public override void Write(IReadOnlyList<(string Term, IndexedPerson Person)> terms) =>
            connection.Execute("""
                INSERT INTO search_stage (term, compatriot_id, home_region, organization_id)
                SELECT * FROM unnest(@terms::text[], @ids::bigint[], @regions::text[], @organizations::bigint[])
                """, new
            {
                terms = terms.Select(t => t.Term).ToArray(),
                ids = terms.Select(t => t.Person.Id).ToArray(),
                regions = terms.Select(t => t.Person.HomeRegion).ToArray(),
                organizations = terms.Select(t => t.Person.OrganizationId).ToArray(),
            }, transaction);

        public override void Dispose()
        {
        }
    }
}
