using System.Data.Common;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// A statement prepared once and run for every row of a batch: bulk writes of 100,000 rows stay in seconds
/// because the engine parses the SQL once. Values are always bound as parameters (<c>@name</c> on both engines).
/// </summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly DbCommand _command;
    private readonly Dictionary<string, DbParameter> _parameters = new(StringComparer.Ordinal);

    public PreparedCommand(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
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
        // SQLite binds whatever each row brings to the prepared statement. Npgsql fixes each parameter's type when
        // preparing, and these start out empty: PostgreSQL parses the statement per row instead (ADR 0012).
        if (connection is Microsoft.Data.Sqlite.SqliteConnection) _command.Prepare();
    }

    public PreparedCommand Set(string name, object? value)
    {
        _parameters[name].Value = value ?? DBNull.Value;
        return this;
    }

    public int Execute() => _command.ExecuteNonQuery();

    public object? Scalar() => _command.ExecuteScalar();

    public void Dispose() => _command.Dispose();
}
