using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// One hot read-only query kept prepared on a few open connections. Microsoft.Data.Sqlite prepares a command's SQL
/// again on every new command, and for a join over the wide directory table SQLite's planner took longer than the
/// lookup itself (measured by bench/ on the public pledge link). Callers borrow a prepared command, run it and give
/// it back; at most <see cref="Kept"/> stay open, any more are closed after use. Each run is its own read
/// transaction, so it sees every write committed before it, exactly as a freshly opened connection would. On
/// PostgreSQL the same holds with Npgsql's server-side prepared statements (prepared at the first run, when the
/// parameters' types are known).
/// </summary>
internal sealed class PreparedQuery<T>(Db db, string sql, params string[] parameterNames) : IDisposable
{
    private const int Kept = 8;
    // A queue and a count of its own: ConcurrentBag's Count locks every thread's list, and taking from another
    // thread's list locks too, which showed in the profile of the public pledge endpoint.
    private readonly ConcurrentQueue<Prepared> _idle = new();
    private int _idleCount;
    private bool _disposed;

    private sealed class Prepared(DbConnection connection, DbCommand command, Func<DbDataReader, T> parse)
    {
        public DbConnection Connection { get; } = connection;
        public DbCommand Command { get; } = command;
        public Func<DbDataReader, T> Parse { get; } = parse;
        public bool IsPrepared { get; set; }
    }

    /// <summary>The first row for the given parameter values (in the order of the names), or default.</summary>
    public T? First(params object?[] values)
    {
        Prepared prepared;
        if (_idle.TryDequeue(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            prepared = idle;
        }
        else prepared = Prepare();
        try
        {
            for (var i = 0; i < values.Length; i++) prepared.Command.Parameters[i].Value = values[i] ?? DBNull.Value;
            if (!prepared.IsPrepared)
            {
                prepared.Command.Prepare();
                prepared.IsPrepared = true;
            }
            using var reader = prepared.Command.ExecuteReader();
            return reader.Read() ? prepared.Parse(reader) : default;
        }
        finally
        {
            if (Volatile.Read(ref _disposed)) Close(prepared);
            else if (Interlocked.Increment(ref _idleCount) <= Kept) _idle.Enqueue(prepared);
            else
            {
                Interlocked.Decrement(ref _idleCount);
                Close(prepared);
            }
        }
    }

    private Prepared Prepare()
    {
        var connection = db.Open();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }
        // Dapper's row parser needs the columns, which a reader over no rows also has.
        Func<DbDataReader, T>? parse = null;
        return new Prepared(connection, command, reader => (parse ??= reader.GetRowParser<T>())(reader));
    }

    private static void Close(Prepared prepared)
    {
        prepared.Command.Dispose();
        prepared.Connection.Dispose();
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryDequeue(out var prepared)) Close(prepared);
    }
}
