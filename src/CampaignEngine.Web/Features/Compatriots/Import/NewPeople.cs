using System.Data.Common;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// The people an import adds, with the consent events of the channels they come with. <see cref="CompatriotsSql.NewPeopleOf"/>
/// makes the engine's own: one by one where a statement costs microseconds, in batches where each costs a round trip.
/// Either way a person's id reaches the caller (for the search terms) once the person is written, in the order added,
/// and everything is written by the time <see cref="Flush"/> returns.
/// </summary>
internal abstract class NewPeople : IDisposable
{
    /// <summary>
    /// A new person: <paramref name="values"/> in the order of the writer's columns, whose <c>consent_…</c> columns (1 or 0)
    /// say which channels get an event; <paramref name="written"/> hears the new id.
    /// </summary>
    public abstract void Add(string externalId, object?[] values, Action<long> written);

    /// <summary>Writes whoever is still waiting.</summary>
    public abstract void Flush();

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    protected abstract void Release();

    /// <summary>A consent event; the writer records a changed consent of a person it updates with the same statement.</summary>
    internal const string ConsentInsert = """
        INSERT INTO directory_consent_event (compatriot_id, channel, granted, source, at)
        VALUES (@compatriot_id, @channel, @granted, @source, @at)
        """;

    /// <summary>Each person inserted by a prepared statement as they come, then their consent events.</summary>
    internal sealed class OneByOne : NewPeople
    {
        private readonly IReadOnlyList<string> _columns;
        private readonly string _source;
        private readonly string _at;
        private readonly PreparedCommand _insert;
        private readonly PreparedCommand _consent;
        private readonly int[] _consentAt;

        public OneByOne(CompatriotsSql engine, DbConnection connection, DbTransaction transaction, IReadOnlyList<string> columns, string source, string at)
        {
            (_columns, _source, _at) = (columns, source, at);
            _consentAt = [.. Vocabulary.Channels.Select(channel => columns.ToList().IndexOf("consent_" + channel))];
            _insert = engine.Prepare(connection, transaction, $"""
                INSERT INTO directory_compatriot (external_id, created_at, {string.Join(", ", columns)})
                VALUES (@external_id, @created_at, {string.Join(", ", columns.Select(c => "@" + c))}){engine.ReturningId}
                """, ["external_id", "created_at", .. columns]);
            _consent = engine.Prepare(connection, transaction, ConsentInsert, "compatriot_id", "channel", "granted", "source", "at");
        }

        public override void Add(string externalId, object?[] values, Action<long> written)
        {
            _insert.Set("external_id", externalId).Set("created_at", _at);
            for (var i = 0; i < values.Length; i++) _insert.Set(_columns[i], values[i]);
            var id = _insert.InsertReturningId();
            written(id);
            for (var i = 0; i < _consentAt.Length; i++)
            {
                if (values[_consentAt[i]] is not 1) continue;
                _consent.Set("compatriot_id", id).Set("channel", Vocabulary.Channels[i]).Set("granted", 1).Set("source", _source).Set("at", _at).Execute();
            }
        }

        public override void Flush()
        {
        }

        protected override void Release()
        {
            _insert.Dispose();
            _consent.Dispose();
        }
    }

    /// <summary>
    /// People gathered into batches of <see cref="BatchSize"/>, each written by one statement: the values go as one
    /// array per column through <c>unnest</c>, and the consent events are made from the rows just inserted, in person
    /// and channel order. The arrays are <see cref="UnnestArrays"/>'.
    /// </summary>
    internal sealed class InBatches : NewPeople
    {
        public const int BatchSize = 1_000;

        private readonly DbConnection _connection;
        private readonly DbTransaction _transaction;
        private readonly IReadOnlyList<string> _columns;
        private readonly string _source;
        private readonly string _at;
        private readonly string _sql;
        private readonly List<(string ExternalId, object?[] Values, Action<long> Written)> _waiting = new(BatchSize);

        public InBatches(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> columns, string source, string at)
        {
            (_connection, _transaction, _columns, _source, _at) = (connection, transaction, columns, source, at);
            var types = UnnestArrays.DirectoryColumnTypes(connection, transaction);
            var channels = Vocabulary.Channels.Select((channel, i) => $"({i}, '{channel}', person.consent_{channel})");
            _sql = $"""
                WITH person AS (
                    INSERT INTO directory_compatriot (external_id, created_at, {string.Join(", ", columns)})
                    SELECT external_id, @at, {string.Join(", ", columns)}
                    FROM unnest(@external_id::text[], {UnnestArrays.Casts(columns, types)})
                        WITH ORDINALITY AS given (external_id, {string.Join(", ", columns)}, position)
                    ORDER BY position
                    RETURNING id, external_id, {string.Join(", ", Vocabulary.Channels.Select(c => "consent_" + c))}
                ), consent AS (
                    INSERT INTO directory_consent_event (compatriot_id, channel, granted, source, at)
                    SELECT person.id, channel.name, 1, @source, @at
                    FROM person CROSS JOIN LATERAL (VALUES {string.Join(", ", channels)}) AS channel (position, name, granted)
                    WHERE channel.granted = 1
                    ORDER BY person.id, channel.position
                )
                SELECT id, external_id FROM person
                """;
        }

        // The batch's statement reads the granted channels back from the rows it inserted.
        public override void Add(string externalId, object?[] values, Action<long> written)
        {
            _waiting.Add((externalId, values, written));
            if (_waiting.Count == BatchSize) Flush();
        }

        public override void Flush()
        {
            if (_waiting.Count == 0) return;
            var parameters = new DynamicParameters();
            parameters.Add("at", _at);
            parameters.Add("source", _source);
            parameters.Add("external_id", _waiting.Select(w => w.ExternalId).ToArray());
            UnnestArrays.AddColumns(parameters, _columns, _waiting, w => w.Values);
            var ids = _connection.Query<(long Id, string ExternalId)>(_sql, parameters, _transaction, commandTimeout: Db.BulkStatementSeconds)
                .ToDictionary(p => p.ExternalId, p => p.Id, StringComparer.Ordinal);
            foreach (var (externalId, _, written) in _waiting) written(ids[externalId]);
            _waiting.Clear();
        }

        protected override void Release()
        {
        }
    }
}
