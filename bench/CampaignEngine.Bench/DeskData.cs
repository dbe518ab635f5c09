using CampaignEngine.Web.Features.Demo;
using Microsoft.Data.Sqlite;

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

    /// <summary>Writes <paramref name="count"/> threads of <paramref name="people"/> (the directory's rows 1..n), answered by thirty staff.</summary>
    public static void Write(string dbPath, IReadOnlyList<Person> people, int count, int seed = 2016)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=false");
        connection.Open();
        DirectoryData.Exec(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;");
        var staff = Staff(connection);
        using var transaction = connection.BeginTransaction();
        using var thread = Command(connection, transaction, """
            INSERT INTO response_thread (compatriot_id, module_id, channel, language, state, assignee_id, forwarded_to, received_at, last_in_at,
                due_at, first_due_at, first_answered_at, last_answered_at, closed_at, last_message, gender, home_region)
            VALUES ($who, $module, $channel, 'ky', $state, $assignee, $forwarded, $received, $received, $due, $firstDue, $answered, $answered, $closed,
                'Пенсиялык документтер боюнча суроо', $gender, $region)
            RETURNING id
            """, "$who", "$module", "$channel", "$state", "$assignee", "$forwarded", "$received", "$due", "$firstDue", "$answered", "$closed", "$gender", "$region");
        using var message = Command(connection, transaction, """
            INSERT INTO response_thread_message (thread_id, kind, channel, text, at, author_id) VALUES ($thread, $kind, $channel, $text, $at, $author)
            """, "$thread", "$kind", "$channel", "$text", "$at", "$author");
        for (var i = 0; i < count; i++)
        {
            var index = random.Next(people.Count);
            var person = people[index];
            // Newer threads are more common than older ones: a desk that grows.
            var received = now.AddMinutes(-DaysBack * 24 * 60 * Math.Pow(random.NextDouble(), 1.3));
            var state = State.Next(random);
            var module = random.Next(5) > 0 && ModuleOf.TryGetValue(person.HomeRegion, out var own) ? own : "national";
            var firstDue = received.AddDays(14);
            var waits = state is "new" or "assigned";
            var answered = state is "answered" or "closed" ? received.AddMinutes(10 + random.Next(20 * 24 * 60)) : (DateTimeOffset?)null;
            var assignee = state == "new" ? null : (long?)staff[random.Next(staff.Count)];
            var channel = Channel.Next(random);
            Set(thread, ("$who", index + 1), ("$module", module), ("$channel", channel), ("$state", state), ("$assignee", assignee),
                ("$forwarded", state == "forwarded" ? "Social Fund" : null), ("$received", At(received)), ("$due", waits ? At(firstDue) : null),
                ("$firstDue", At(firstDue)), ("$answered", answered is { } a ? At(a) : null),
                ("$closed", state == "closed" ? At(answered!.Value.AddDays(2)) : null), ("$gender", person.Gender), ("$region", person.HomeRegion));
            var id = (long)thread.ExecuteScalar()!;
            Line(message, id, "in", channel, "Пенсиялык документтер боюнча суроо", received, null);
            if (assignee is { } who) Line(message, id, "event", "desk", "assigned", received.AddHours(1), who);
            if (answered is { } at) Line(message, id, "out", channel, "Жооп", at, assignee);
        }
        transaction.Commit();
        DirectoryData.Exec(connection, "ANALYZE;");
    }

    /// <summary>Thirty staff members who answer: national officers and oblast users.</summary>
    private static List<long> Staff(SqliteConnection connection)
    {
        var ids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO auth_user (login, password_hash, role, created_at) VALUES ($login, '-', 'officer', $at) RETURNING id";
            insert.Parameters.AddWithValue("$login", $"desk{i:00}");
            insert.Parameters.AddWithValue("$at", At(DateTimeOffset.UtcNow));
            ids.Add((long)insert.ExecuteScalar()!);
        }
        return ids;
    }

    private static void Line(SqliteCommand message, long thread, string kind, string channel, string text, DateTimeOffset at, long? author) =>
        Set(message, ("$thread", thread), ("$kind", kind), ("$channel", channel), ("$text", text), ("$at", At(at)), ("$author", author)).ExecuteNonQuery();

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter(name, null));
        command.Prepare();
        return command;
    }

    private static SqliteCommand Set(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values) command.Parameters[name].Value = value ?? DBNull.Value;
        return command;
    }

    /// <summary>As the product stores times.</summary>
    public static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
