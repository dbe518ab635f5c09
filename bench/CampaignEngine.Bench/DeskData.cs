using CampaignEngine.Web.Features.Demo;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace CampaignEngine.Bench;

/// <summary>
/// Desk threads by generated people, spread as a desk that has run two years would hold them: most answered (some then
/// closed), some forwarded, and the rest waiting, many of the older ones overdue; each with the person's message, its
/// answer and the assignment events. The threads are inserted as the intake and the staff actions leave them, so
/// migration 0033's triggers build the daily figures as they would in use.
/// </summary>
internal static class DeskData
{
    private static readonly Weighted<string> State = new(("answered", 50), ("closed", 25), ("forwarded", 3), ("assigned", 12), ("new", 10));
    private static readonly Weighted<string> Channel = new(("whatsapp", 48), ("telegram", 20), ("sms", 12), ("email", 8), ("web", 12));
    private static readonly Dictionary<string, string> ModuleOf = new(StringComparer.Ordinal)
    {
        ["KG-Y"] = "issyk-kul", ["KG-N"] = "naryn", ["KG-T"] = "talas", ["KG-B"] = "batken", ["KG-J"] = "jalal-abad",
        ["KG-O"] = "osh", ["KG-C"] = "chui", ["KG-GB"] = "bishkek", ["KG-GO"] = "osh-city",
    };

    public const int DaysBack = 730;

    /// <summary>
    /// Copies a database an earlier desk run generated into <paramref name="folder"/> as the host's own, without that run's
    /// bench user (the new host adds its own); false when <paramref name="source"/> is not given.
    /// </summary>
    public static bool Reuse(string folder, string? source)
    {
        if (string.IsNullOrEmpty(source)) return false;
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, "bench.db");
        File.Copy(source, target, overwrite: true);
        using var connection = new SqliteConnection($"Data Source={target};Pooling=false");
        connection.Open();
        DirectoryData.Exec(connection, "DELETE FROM auth_user WHERE login = 'bench'");
        return true;
    }

    private static readonly string[] ThreadColumns = ["id", "compatriot_id", "module_id", "channel", "language", "state", "assignee_id", "forwarded_to",
        "received_at", "last_in_at", "due_at", "first_due_at", "first_answered_at", "last_answered_at", "closed_at", "last_message", "gender", "home_region"];

    private static readonly string[] MessageColumns = ["thread_id", "kind", "channel", "text", "at", "author_id"];

    /// <summary>The threads on the host's engine: SQLite's prepared inserts, or PostgreSQL's binary COPY.</summary>
    public static void Write(ProductHost host, IReadOnlyList<Person> people, int count, int seed = 2016)
    {
        if (host.OnPostgreSql) WritePostgreSql(host, people, count, seed);
        else Write(host.DbPath, people, count, seed);
    }

    /// <summary>Writes <paramref name="count"/> threads of <paramref name="people"/> (the directory's rows 1..n), answered by thirty staff.</summary>
    public static void Write(string dbPath, IReadOnlyList<Person> people, int count, int seed = 2016)
    {
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=false");
        connection.Open();
        DirectoryData.Exec(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;");
        var staff = Staff(connection);
        using var transaction = connection.BeginTransaction();
        using var thread = Command(connection, transaction, $"""
            INSERT INTO response_thread ({string.Join(", ", ThreadColumns)}) VALUES ({string.Join(", ", ThreadColumns.Select(c => "$" + c))})
            """, [.. ThreadColumns.Select(c => "$" + c)]);
        using var message = Command(connection, transaction, $"""
            INSERT INTO response_thread_message ({string.Join(", ", MessageColumns)}) VALUES ({string.Join(", ", MessageColumns.Select(c => "$" + c))})
            """, [.. MessageColumns.Select(c => "$" + c)]);
        foreach (var (values, messages) in Threads(people, count, seed, staff))
        {
            Set(thread, ThreadColumns, values).ExecuteNonQuery();
            foreach (var line in messages) Set(message, MessageColumns, line).ExecuteNonQuery();
        }
        transaction.Commit();
        DirectoryData.Exec(connection, "ANALYZE;");
    }

    /// <summary>
    /// The same threads through PostgreSQL's binary COPY, with every desk trigger running as for the product's writers
    /// (the kept counts and the daily and weekly figures are built row by row, as in use). One transaction per thousand
    /// threads, as for the pledges: each trigger updates the same few figure rows, and within one transaction every update
    /// steps over every version the ones before it left. The ids are given (the messages name their thread), then the
    /// identity continues after them.
    /// </summary>
    private static void WritePostgreSql(ProductHost host, IReadOnlyList<Person> people, int count, int seed)
    {
        using var connection = new NpgsqlConnection(host.ConnectionString);
        connection.Open();
        var staff = Staff(connection);
        foreach (var chunk in Threads(people, count, seed, staff).Chunk(1_000))
        {
            using var transaction = connection.BeginTransaction();
            Copy(connection, "response_thread", ThreadColumns, chunk.Select(c => c.Thread));
            Copy(connection, "response_thread_message", MessageColumns, chunk.SelectMany(c => c.Messages));
            transaction.Commit();
        }
        connection.Execute("SELECT setval(pg_get_serial_sequence('response_thread', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM response_thread), false)");
        using var analyze = new NpgsqlCommand("ANALYZE", connection);   // one word: Dapper would call it as a procedure
        analyze.ExecuteNonQuery();
    }

    private static void Copy(NpgsqlConnection connection, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        using var copy = connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var values in rows)
        {
            copy.StartRow();
            foreach (var value in values)
            {
                if (value is null) copy.WriteNull();
                else if (value is string text) copy.Write(text, NpgsqlDbType.Text);
                else copy.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
            }
        }
        copy.Complete();
    }

    /// <summary>
    /// Each thread's values in <see cref="ThreadColumns"/>' order with its messages' in <see cref="MessageColumns"/>' order;
    /// null for NULL. The draws are in the order the generator always made them; the threads then go in as a desk receives
    /// them, oldest first, numbered from 1 in that order. Written in the draws' random order, each day's and week's figure
    /// rows were made all through the load and spread over the whole table (on PostgreSQL, 25,000 rows of 90 days on
    /// 11,000 pages; docs/benchmarks.md, session 25), where a desk in use writes them together.
    /// </summary>
    private static IEnumerable<(object?[] Thread, List<object?[]> Messages)> Threads(IReadOnlyList<Person> people, int count, int seed, List<long> staff)
    {
        var drawn = Draw(people, count, seed, staff).ToArray();
        Array.Sort(drawn, (a, b) => a.Received != b.Received ? a.Received.CompareTo(b.Received) : a.Draw.CompareTo(b.Draw));
        for (var i = 0; i < drawn.Length; i++) yield return Rows(i + 1, drawn[i], people[drawn[i].Person]);
    }

    /// <summary>One thread as the generator drew it: <see cref="Draw"/> is its place among the draws, which breaks ties in time.</summary>
    private readonly record struct Drawn(int Draw, int Person, DateTimeOffset Received, string State, string Module, DateTimeOffset? Answered, long? Assignee, string Channel);

    private static IEnumerable<Drawn> Draw(IReadOnlyList<Person> people, int count, int seed, List<long> staff)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var index = random.Next(people.Count);
            var person = people[index];
            // Newer threads are more common than older ones: a desk that grows.
            var received = now.AddMinutes(-DaysBack * 24 * 60 * Math.Pow(random.NextDouble(), 1.3));
            var state = State.Next(random);
            var module = random.Next(5) > 0 && ModuleOf.TryGetValue(person.HomeRegion, out var own) ? own : "national";
            var answered = state is "answered" or "closed" ? received.AddMinutes(10 + random.Next(20 * 24 * 60)) : (DateTimeOffset?)null;
            var assignee = state == "new" ? null : (long?)staff[random.Next(staff.Count)];
            yield return new Drawn(i, index, received, state, module, answered, assignee, Channel.Next(random));
        }
    }

    private static (object?[] Thread, List<object?[]> Messages) Rows(long id, Drawn t, Person person)
    {
        var firstDue = t.Received.AddDays(14);
        var waits = t.State is "new" or "assigned";
        object?[] thread =
        [
            id, t.Person + 1, t.Module, t.Channel, "ky", t.State, t.Assignee, t.State == "forwarded" ? "Social Fund" : null, At(t.Received), At(t.Received),
            waits ? At(firstDue) : null, At(firstDue), t.Answered is { } a ? At(a) : null, t.Answered is { } b ? At(b) : null,
            t.State == "closed" ? At(t.Answered!.Value.AddDays(2)) : null, "Пенсиялык документтер боюнча суроо", person.Gender, person.HomeRegion,
        ];
        List<object?[]> messages = [[id, "in", t.Channel, "Пенсиялык документтер боюнча суроо", At(t.Received), null]];
        if (t.Assignee is { } who) messages.Add([id, "event", "desk", "assigned", At(t.Received.AddHours(1)), who]);
        if (t.Answered is { } at) messages.Add([id, "out", t.Channel, "Жооп", At(at), t.Assignee]);
        return (thread, messages);
    }

    /// <summary>Thirty staff members who answer: national officers and oblast users.</summary>
    private static List<long> Staff(System.Data.IDbConnection connection) =>
        [.. Enumerable.Range(0, 30).Select(i => connection.ExecuteScalar<long>(
            "INSERT INTO auth_user (login, password_hash, role, created_at) VALUES (@login, '-', 'officer', @at) RETURNING id",
            new { login = $"desk{i:00}", at = At(DateTimeOffset.UtcNow) }))];

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter(name, null));
        command.Prepare();
        return command;
    }

    private static SqliteCommand Set(SqliteCommand command, string[] columns, object?[] values)
    {
        for (var c = 0; c < columns.Length; c++) command.Parameters["$" + columns[c]].Value = values[c] ?? DBNull.Value;
        return command;
    }

    /// <summary>As the product stores times.</summary>
    public static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
