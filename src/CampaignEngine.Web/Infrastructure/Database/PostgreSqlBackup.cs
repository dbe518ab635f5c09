using System.Diagnostics;
using Dapper;
using Npgsql;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// <c>backup</c> and <c>restore</c> on PostgreSQL (ADR 0012): <c>pg_dump</c> writes the product's database in its custom
/// format, a consistent snapshot of one moment taken while hosts run on, and <c>pg_restore</c> loads it into a database
/// no host is running on. The key ring is the table <c>data_protection_key</c>, so it goes along inside the dump.
/// Hangfire's schema is left out: jobs of another moment would act on the restored rows, and the host queues again at
/// start what the restored ledger says is unfinished (as the SQLite restore deletes the jobs file). The tools are
/// Debian's <c>postgresql-client</c> (on the PATH, or <c>PG_DUMP</c>/<c>PG_RESTORE</c> naming them); the connection goes to
/// them through the environment (<c>PGPASSWORD</c> and the rest), never on a command line another user could read.
/// </summary>
internal static class PostgreSqlBackup
{
    private const string JobsSchema = "hangfire";

    public static async Task<int> BackupAsync(string file, string connectionString, TextWriter output, TextWriter error)
    {
        if (File.Exists(file)) return Refuse(error, $"{file} exists already: a backup never overwrites a file.");
        var folder = Path.GetDirectoryName(file)!;
        if (!Directory.Exists(folder)) Files.OwnerOnly.Folder(folder);
        // Owner-only like the database's own files: a backup holds everything the database does.
        using (new FileStream(file, Files.OwnerOnly.NewFile(FileMode.CreateNew))) { }
        var (code, said) = await RunAsync(Tool("PG_DUMP", "pg_dump"), connectionString,
            ["--format=custom", "--no-owner", "--no-privileges", $"--exclude-schema={JobsSchema}", "--file", file]);
        if (code != 0)
        {
            File.Delete(file);
            return Refuse(error, $"pg_dump failed ({code}): {said}");
        }
        return Report(output, $"Backed up the PostgreSQL database {Database(connectionString)} to {file} (the key ring is inside it)", connectionString);
    }

    public static async Task<int> RestoreAsync(string file, string connectionString, bool force, TextWriter output, TextWriter error)
    {
        if (!File.Exists(file)) return Refuse(error, $"No backup at {file}.");
        var (listed, contents) = await RunAsync(Tool("PG_RESTORE", "pg_restore"), null, ["--list", file]);
        if (listed != 0 || !contents.Contains("TABLE public schema_migration", StringComparison.Ordinal))
            return Refuse(error, $"{file} is not a backup of this product: {(listed != 0 ? contents.Trim() : "it has no schema_migration table")}.");
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            if (Tables(connection).Count > 0)
            {
                if (!force) return Refuse(error, $"The database {Database(connectionString)} holds tables. Stop the hosts, then restore with --force to replace it.");
                // Everything of the product goes, the jobs too: the restored moment starts afresh.
                connection.Execute($"DROP SCHEMA IF EXISTS {JobsSchema} CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
            }
        }
        var (code, said) = await RunAsync(Tool("PG_RESTORE", "pg_restore"), connectionString,
            ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", $"--dbname={Database(connectionString)}", file]);
        if (code != 0) return Refuse(error, $"pg_restore failed ({code}): {said}");
        return Report(output, $"Restored {file} into the PostgreSQL database {Database(connectionString)} (the key ring with it)", connectionString);
    }

    private static string Tool(string variable, string name) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path ? path : name;

    private static string Database(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database ?? "";

    /// <summary>Runs a client tool with the connection in its environment; its exit code and what it said on stderr.</summary>
    private static async Task<(int Code, string Said)> RunAsync(string tool, string? connectionString, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (connectionString is not null)
        {
            var connection = new NpgsqlConnectionStringBuilder(connectionString);
            start.Environment["PGHOST"] = connection.Host;
            start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["PGDATABASE"] = connection.Database;
            start.Environment["PGUSER"] = connection.Username;
            if (connection.Password is { Length: > 0 } password) start.Environment["PGPASSWORD"] = password;
            if (connection.SslMode != SslMode.Disable) start.Environment["PGSSLMODE"] = connection.SslMode.ToString().ToLowerInvariant() switch
            {
                "verifyca" => "verify-ca",
                "verifyfull" => "verify-full",
                var mode => mode,
            };
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (127, $"{tool} could not start ({ex.Message}): install Debian's postgresql-client, or name the tool in PG_DUMP / PG_RESTORE.");
        }
        using (process)
        {
            var listing = process.StandardOutput.ReadToEndAsync();
            var said = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await listing + await said);
        }
    }

    private static List<string> Tables(NpgsqlConnection connection) =>
        connection.Query<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1").ToList();

    private static int Refuse(TextWriter error, string reason)
    {
        error.WriteLine(reason);
        return 1;
    }

    /// <summary>Says what the database now holds: its tables and rows, so that an operator sees at once that it is not empty.</summary>
    private static int Report(TextWriter output, string done, string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var tables = Tables(connection);
        var rows = tables.Sum(t => connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM \"{t}\""));
        var migration = connection.ExecuteScalar<string?>("SELECT MAX(name) FROM schema_migration");
        output.WriteLine($"{done}: {tables.Count} tables, {rows} rows, last migration {migration}.");
        return 0;
    }
}
