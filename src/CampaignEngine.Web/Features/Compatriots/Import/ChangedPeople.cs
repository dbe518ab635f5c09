using System.Data.Common;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>A consent an import changes: the channel and whether it is now granted.</summary>
internal readonly record struct ConsentChange(string Channel, bool Granted);

/// <summary>
/// The people an import updates (a re-import of a registry): each person's row gets the file's values, their search
/// terms are replaced, and every consent the file changes is recorded as an event. <see cref="CompatriotsSql.ChangedPeopleOf"/>
/// makes the engine's own, as for <see cref="NewPeople"/>: one by one where a statement costs microseconds, in batches
/// where each costs a round trip. Everything is written by the time <see cref="Flush"/> returns.
/// </summary>
internal abstract class ChangedPeople : IDisposable
{
    /// <summary>A person to update: <paramref name="values"/> in the order of the writer's columns.</summary>
    public abstract void Add(IndexedPerson person, object?[] values, IReadOnlyList<ConsentChange> consents);

    /// <summary>Writes whoever is still waiting.</summary>
    public abstract void Flush();

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    protected abstract void Release();

    /// <summary>Each person updated by a prepared statement as they come, then their terms and consent events.</summary>
    internal sealed class OneByOne : ChangedPeople
    {
        private readonly IReadOnlyList<string> _columns;
        private readonly SearchIndex.TermWriter _terms;
        private readonly string _source;
        private readonly string _at;
        private readonly PreparedCommand _update;
        private readonly PreparedCommand _consent;

        public OneByOne(CompatriotsSql engine, DbConnection connection, DbTransaction transaction, IReadOnlyList<string> columns,
            SearchIndex.TermWriter terms, string source, string at)
        {
            (_columns, _terms, _source, _at) = (columns, terms, source, at);
            _update = engine.Prepare(connection, transaction,
                $"UPDATE directory_compatriot SET {string.Join(", ", columns.Select(c => $"{c} = @{c}"))} WHERE id = @id", ["id", .. columns]);
            _consent = engine.Prepare(connection, transaction, NewPeople.ConsentInsert, "compatriot_id", "channel", "granted", "source", "at");
        }

        public override void Add(IndexedPerson person, object?[] values, IReadOnlyList<ConsentChange> consents)
        {
            _update.Set("id", person.Id);
            for (var i = 0; i < _columns.Count; i++) _update.Set(_columns[i], values[i]);
            _update.Execute();
            _terms.Write(person, markIndexed: false);
            foreach (var change in consents)
                _consent.Set("compatriot_id", person.Id).Set("channel", change.Channel).Set("granted", change.Granted ? 1 : 0)
                    .Set("source", _source).Set("at", _at).Execute();
        }

        public override void Flush()
        {
        }

        protected override void Release()
        {
            _update.Dispose();
            _consent.Dispose();
        }
    }

    /// <summary>
    /// People gathered into batches of <see cref="BatchSize"/>, each batch written by three statements: the rows updated
    /// from one array per column (<see cref="UnnestArrays"/>), their terms replaced by <c>replaceTerms</c>, and their
    /// consent events inserted from arrays in person and channel order. Per person these were a dozen round trips: the
    /// update, the removal of the old terms, an insert per term and per changed consent.
    /// </summary>
    internal sealed class InBatches : ChangedPeople
    {
        public const int BatchSize = 1_000;

        private readonly DbConnection _connection;
        private readonly DbTransaction _transaction;
        private readonly IReadOnlyList<string> _columns;
        private readonly Action<IReadOnlyList<IndexedPerson>> _replaceTerms;
        private readonly string _source;
        private readonly string _at;
        private readonly string _update;
        private readonly List<(IndexedPerson Person, object?[] Values, IReadOnlyList<ConsentChange> Consents)> _waiting = new(BatchSize);

        public InBatches(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> columns,
            Action<IReadOnlyList<IndexedPerson>> replaceTerms, string source, string at)
        {
            (_connection, _transaction, _columns, _replaceTerms, _source, _at) = (connection, transaction, columns, replaceTerms, source, at);
            var types = UnnestArrays.DirectoryColumnTypes(connection, transaction);
            _update = $"""
                UPDATE directory_compatriot AS c SET {string.Join(", ", columns.Select(column => $"{column} = given.{column}"))}
                FROM unnest(@id::bigint[], {UnnestArrays.Casts(columns, types)})
                    AS given (id, {string.Join(", ", columns)})
                WHERE c.id = given.id
                """;
        }

        public override void Add(IndexedPerson person, object?[] values, IReadOnlyList<ConsentChange> consents)
        {
            _waiting.Add((person, values, consents));
            if (_waiting.Count == BatchSize) Flush();
        }

        public override void Flush()
        {
            if (_waiting.Count == 0) return;
            var parameters = new DynamicParameters();
            parameters.Add("id", _waiting.Select(w => w.Person.Id).ToArray());
            UnnestArrays.AddColumns(parameters, _columns, _waiting, w => w.Values);
            _connection.Execute(_update, parameters, _transaction, commandTimeout: Db.BulkStatementSeconds);
            _replaceTerms(_waiting.Select(w => w.Person).ToList());
            RecordConsents();
            _waiting.Clear();
        }

        private void RecordConsents()
        {
            var events = _waiting.SelectMany(w => w.Consents.Select(change => (w.Person.Id, change))).ToList();
            if (events.Count == 0) return;
            _connection.Execute("""
                INSERT INTO directory_consent_event (compatriot_id, channel, granted, source, at)
                SELECT compatriot_id, channel, granted, @source, @at
                FROM unnest(@ids::bigint[], @channels::text[], @granted::bigint[]) WITH ORDINALITY AS e (compatriot_id, channel, granted, position)
                ORDER BY position
                """, new
            {
                ids = events.Select(e => e.Id).ToArray(),
                channels = events.Select(e => e.change.Channel).ToArray(),
                granted = events.Select(e => e.change.Granted ? 1L : 0L).ToArray(),
                source = _source,
                at = _at,
            }, _transaction, commandTimeout: Db.BulkStatementSeconds);
        }

        protected override void Release()
        {
        }
    }
}
