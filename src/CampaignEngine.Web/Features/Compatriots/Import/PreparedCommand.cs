using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// A statement prepared once and run for every row of a batch: bulk writes of 100,000 rows stay in seconds
/// because the engine parses the SQL once. Values are always bound as parameters (<c>@name</c> on both engines).
/// <see cref="CompatriotsSql.Prepare"/> makes the engine's own.
/// </summary>
/// <remarks>
/// On SQLite (<see cref="SqliteStatement"/>) the statement is SQLite's own, and each value is bound by its position, found once: a
/// <see cref="SqliteCommand"/> looks every parameter up by name in every execution (a linear search of the statement's
/// names, after encoding the name to UTF-8), which for the 128 values of a staged batch of search terms cost more than
/// the insert itself. The statement runs on the connection's handle, so it is inside the connection's transaction.
/// </remarks>
internal abstract class PreparedCommand : IDisposable
{
    /// <summary>The value of <c>@name</c> for every execution until it is set again.</summary>
    public abstract PreparedCommand Set(string name, object? value);

    /// <summary>Runs the statement; the rows it changed.</summary>
    public abstract int Execute();

    /// <summary>Runs the statement; the first column of its first row (an id from <c>RETURNING</c>), or null.</summary>
    public abstract object? Scalar();

    /// <summary>Runs an insert ended by <see cref="CompatriotsSql.ReturningId"/>; the new row's id.</summary>
    public abstract long InsertReturningId();

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    protected abstract void Release();

    /// <summary>SQLite's own statement on the connection's handle, so inside the connection's transaction.</summary>
    internal sealed class SqliteStatement : PreparedCommand
    {
        private readonly SqliteConnection _sqlite;
        private readonly sqlite3_stmt _statement;
        private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

        public SqliteStatement(SqliteConnection sqlite, string sql, string[] parameters)
        {
            _sqlite = sqlite;
            Check(raw.sqlite3_prepare_v2(sqlite.Handle, sql, out var statement));
            _statement = statement;
            foreach (var name in parameters)
            {
                var position = raw.sqlite3_bind_parameter_index(statement, "@" + name);
                if (position == 0) throw new ArgumentException($"The statement has no parameter @{name}.", nameof(parameters));
                _positions[name] = position;
            }
        }

        // The new id comes from the connection: a RETURNING result would be buffered and read as a result set.
        public override long InsertReturningId()
        {
            Step();
            return raw.sqlite3_last_insert_rowid(_sqlite.Handle);
        }

        public override PreparedCommand Set(string name, object? value)
        {
            Bind(_positions[name], value);
            return this;
        }

        public override int Execute()
        {
            Step();
            return raw.sqlite3_changes(_sqlite.Handle);
        }

        public override object? Scalar() => Step() ? Column0() : null;

        protected override void Release() => _statement.Dispose();

        // True when a row came back. SQLite makes every change of the statement, RETURNING included, at its first step,
        // so resetting after the first row leaves nothing undone.
        private bool Step()
        {
            var result = raw.sqlite3_step(_statement);
            var row = result == raw.SQLITE_ROW;
            if (!row && result != raw.SQLITE_DONE)
            {
                var failure = Failure(result);
                raw.sqlite3_reset(_statement);
                throw failure;
            }
            if (!row) raw.sqlite3_reset(_statement);
            return row;
        }

        private object? Column0()
        {
            object? value = raw.sqlite3_column_type(_statement, 0) switch
            {
                raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, 0),
                raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, 0),
                raw.SQLITE_TEXT => raw.sqlite3_column_text(_statement, 0).utf8_to_string(),
                _ => null,
            };
            raw.sqlite3_reset(_statement);
            return value;
        }

        private void Bind(int position, object? value) => Check(value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, position),
            string text => raw.sqlite3_bind_text(_statement, position, text),
            long number => raw.sqlite3_bind_int64(_statement, position, number),
            int number => raw.sqlite3_bind_int64(_statement, position, number),
            bool flag => raw.sqlite3_bind_int64(_statement, position, flag ? 1 : 0),
            double number => raw.sqlite3_bind_double(_statement, position, number),
            _ => throw new ArgumentException($"A {value.GetType().Name} is not bound by {nameof(PreparedCommand)}.", nameof(value)),
        });

        private void Check(int result)
        {
            if (result != raw.SQLITE_OK) throw Failure(result);
        }

        private SqliteException Failure(int result) => new(
            raw.sqlite3_errmsg(_sqlite.Handle).utf8_to_string() ?? $"SQLite error {result}", result, raw.sqlite3_extended_errcode(_sqlite.Handle));
    }

    /// <summary>
    /// The provider's command, its parameters made once. Npgsql fixes each parameter's type when preparing, and these
    /// start out empty: PostgreSQL parses the statement per row instead (ADR 0012).
    /// </summary>
    internal sealed class ProviderCommand : PreparedCommand
    {
        private readonly DbCommand _command;
        private readonly Dictionary<string, DbParameter> _parameters = new(StringComparer.Ordinal);

        public ProviderCommand(DbConnection connection, DbTransaction transaction, string sql, string[] parameters)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = sql;
            foreach (var name in parameters)
            {
                var parameter = _command.CreateParameter();
                parameter.ParameterName = "@" + name;
                parameter.Value = DBNull.Value;
                _command.Parameters.Add(parameter);
                _parameters[name] = parameter;
            }
        }

        public override PreparedCommand Set(string name, object? value)
        {
            _parameters[name].Value = value ?? DBNull.Value;
            return this;
        }

        public override int Execute() => _command.ExecuteNonQuery();

        public override object? Scalar() => _command.ExecuteScalar();

        public override long InsertReturningId() => (long)_command.ExecuteScalar()!;

        protected override void Release() => _command.Dispose();
    }
}
