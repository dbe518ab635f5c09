using System.Globalization;
using CampaignEngine.TestSupport;
using CampaignEngine.TestSupport.Smtp;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.ModuleHost;
using Dapper;
using Xunit.Abstractions;

namespace CampaignEngine.Web.Tests.Responses;

public sealed class AnswerCrashSafetyTestsOnSqlite(ITestOutputHelper output) : AnswerCrashSafetyTests(TestHost.Sqlite, output);

public sealed class AnswerCrashSafetyTestsOnPostgreSql(ITestOutputHelper output) : AnswerCrashSafetyTests(TestHost.PostgreSql, output);

/// <summary>
/// Answers are stored first and sent through the ledger: the real host, as its own process, finds answers stored but
/// never delivered at start, sends them by e-mail to a real SMTP server, is killed with SIGKILL in the middle and started
/// again. Every person gets their answer, and never a second, different message: what was on the wire at the kill may
/// go again, as the same message (the same Message-ID, which mail clients show once), and only that. On PostgreSQL the
/// processes run on a database of their own (<see cref="ProcessDatabase"/>).
/// </summary>
public abstract class AnswerCrashSafetyTests(string engine, ITestOutputHelper output) : IDisposable
{
    private const int People = 60;
    private readonly string _folder = Directory.CreateTempSubdirectory("ce-answer-crash").FullName;
    private readonly ProcessDatabase _database = new(engine);

    [SkippableFact]
    public async Task Every_answer_reaches_its_person_once_when_the_host_is_killed_while_answers_are_sent()
    {
        using var smtp = await SmtpSink.StartAsync();
        // Slow enough (8 e-mails a second) that the kill lands in the middle, even on a loaded machine.
        var settings = _database.With(new Dictionary<string, string>
        {
            ["Channels:Email:Host"] = "127.0.0.1",
            ["Channels:Email:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Channels:Email:From"] = "desk@campaign-engine.test",
            ["Channels:Email:RatePerSecond"] = "8",
        });
        using (var first = await HostProcess.StartAsync(_folder, settings))
        {
            first.Kill();   // the schema, and nothing else yet
            using var database = _database.Open(first);
            StoreUndeliveredAnswers(database);
        }

        long inFlight;
        using (var host = await HostProcess.StartAsync(_folder, settings))
        {
            if (!await Eventually.Within(() => smtp.Messages().Count >= 12, seconds: 90))
                Assert.Fail($"{smtp.Messages().Count} answers reached the SMTP server within 90 s; {Diagnosis(host)}");
            host.Kill();
            inFlight = Scalar(host, "SELECT COUNT(*) FROM send_message m JOIN campaign c ON c.id = m.campaign_id WHERE c.purpose = 'desk-answer' AND m.status = 'sending'");
        }
        var beforeRestart = smtp.Messages().Count;
        Assert.InRange(beforeRestart, 12, People - 1);

        long answerCampaigns;
        using (var host = await HostProcess.StartAsync(_folder, settings))
        {
            await Eventually.True(() => Task.FromResult(smtp.Messages().Select(m => m.To.Mailboxes.Single().Address).Distinct().Count() == People), seconds: 120);
            Assert.Equal(0, Scalar(host, "SELECT COUNT(*) FROM response_thread_message WHERE kind = 'out' AND campaign_id IS NULL"));
            answerCampaigns = Scalar(host, "SELECT COUNT(*) FROM campaign WHERE purpose = 'desk-answer'");
        }

        var byPerson = smtp.Messages().GroupBy(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(People, byPerson.Count);
        foreach (var person in byPerson)
        {
            // One message per person: a resend after the kill is the same message, never a second answer.
            Assert.Single(person.Select(m => m.MessageId).Distinct());
            Assert.Contains($"Answer for {person.Key}", person.First().TextBody, StringComparison.Ordinal);
        }
        var resent = byPerson.Sum(p => p.Count() - 1);
        Assert.True(resent <= inFlight, $"{resent} answers went twice, but only {inFlight} were on their way at the kill");
        Assert.Equal(People, answerCampaigns);
        output.WriteLine($"{beforeRestart} sent before the kill, {inFlight} in flight, {resent} sent again as the same message");
    }

    /// <summary>Threads whose answers staff stored while the host was down: the delivery jobs were never queued.</summary>
    private static void StoreUndeliveredAnswers(System.Data.Common.DbConnection connection)
    {
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var admin = connection.ExecuteScalar<long>("SELECT id FROM auth_user WHERE login = 'admin'");
        for (var i = 0; i < People; i++)
        {
            var address = $"person{i:D2}@example.org";
            var person = TestCompatriots.Insert(connection, new TestCompatriot($"Person {i:D2}", "female", "KG-Y", "AE", "ru", Phone: null, Email: address, Channels: "email"));
            var thread = connection.ExecuteScalar<long>("""
                INSERT INTO response_thread (compatriot_id, module_id, channel, language, state, received_at, last_in_at, first_due_at, first_answered_at,
                                             last_answered_at, last_message, assignee_id)
                VALUES (@person, 'issyk-kul', 'email', 'ru', 'answered', @now, @now, @now, @now, @now, 'Вопрос', @admin) RETURNING id
                """, new { person, now, admin });
            connection.Execute("""
                INSERT INTO response_thread_message (thread_id, kind, channel, text, at) VALUES (@thread, 'in', 'email', 'Вопрос', @now);
                INSERT INTO response_thread_message (thread_id, kind, channel, text, at, author_id) VALUES (@thread, 'out', 'email', @answer, @now, @admin);
                """, new { thread, now, admin, answer = $"Answer for {address}" });
        }
    }

    /// <summary>
    /// What the ledger, the answers' campaigns and Hangfire's queue held, and the host's warnings, on one line: the line a
    /// CI log keeps of a failed test.
    /// </summary>
    private string Diagnosis(HostProcess host)
    {
        using var connection = _database.Open(host);
        var ledger = connection.Query<(string Status, long Count)>("""
            SELECT m.status || CASE WHEN m.attempts > 1 THEN ' (tried again: ' || COALESCE(m.error, '') || ')' ELSE '' END, COUNT(*)
            FROM send_message m JOIN campaign c ON c.id = m.campaign_id
            WHERE c.purpose = 'desk-answer' GROUP BY 1
            """);
        var campaigns = connection.Query<(string Status, long Count)>("SELECT status, COUNT(*) FROM campaign WHERE purpose = 'desk-answer' GROUP BY status");
        var jobs = engine == TestHost.PostgreSql ? HangfireJobs(connection) : "(in their own file)";
        // The console logger writes "warn: category" and the message on the next line; a failure's exception (type,
        // message, first frame) follows on the lines after it.
        var lines = host.Output.Split('\n');
        var warnings = lines.Select((line, i) => (line, i))
            .Where(l => l.line.StartsWith("warn", StringComparison.Ordinal) || l.line.StartsWith("fail", StringComparison.Ordinal))
            .TakeLast(6).Select(l => string.Join(" ", lines.Skip(l.i).Take(l.line.StartsWith("fail", StringComparison.Ordinal) ? 4 : 2).Select(x => x.Trim())));
        return $"ledger: {string.Join(", ", ledger.Select(l => $"{l.Status} {l.Count}"))}; answer campaigns: "
            + $"{string.Join(", ", campaigns.Select(c => $"{c.Status} {c.Count}"))}; Hangfire jobs: {jobs}; host said: {string.Join(" | ", warnings)}";
    }

    private static string HangfireJobs(System.Data.Common.DbConnection connection)
    {
        try
        {
            return string.Join(", ", connection.Query<(string State, long Count)>("SELECT statename, COUNT(*) FROM hangfire.job GROUP BY statename")
                .Select(j => $"{j.State} {j.Count}"));
        }
        catch (System.Data.Common.DbException ex)
        {
            return ex.Message;
        }
    }

    private long Scalar(HostProcess host, string sql)
    {
        using var connection = _database.Open(host);
        return connection.ExecuteScalar<long>(sql);
    }

    public void Dispose()
    {
        _database.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
