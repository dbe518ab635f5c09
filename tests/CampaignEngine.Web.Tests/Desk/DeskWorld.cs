using System.Net;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Security;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Desk;

/// <summary>
/// A desk with threads of every kind a scope decides on, written through the real intake: an Issyk-Kul native's
/// question to the state (overdue), a Talas native's reply to an Issyk-Kul campaign, a Naryn native's question, a
/// member's question addressed to their organisation, and an unknown sender. Users of every role, with API keys.
/// </summary>
public abstract class DeskWorld : IDisposable
{
    /// <summary>The world on SQLite, a class fixture of the SQLite variants.</summary>
    public sealed class OnSqlite() : DeskWorld(TestHost.Sqlite);

    /// <summary>The world on PostgreSQL, a class fixture of the PostgreSQL variants.</summary>
    public sealed class OnPostgreSql() : DeskWorld(TestHost.PostgreSql);

    public TestHost Host { get; }

    public long OrganizationA { get; }
    public long OrganizationB { get; }
    public long IssykKulNative { get; }
    public long TalasNative { get; }
    public long NarynNative { get; }
    public long IssykKulCampaign { get; }

    /// <summary>The Issyk-Kul native asks the state, long ago: overdue.</summary>
    public long QuestionToState { get; }
    /// <summary>The Talas native answers the Issyk-Kul campaign's message: Issyk-Kul's module owns it.</summary>
    public long ReplyToCampaign { get; }
    public long NarynQuestion { get; }
    /// <summary>The Naryn native (a member of organisation A) addresses organisation A.</summary>
    public long QuestionToOrganisation { get; }
    public long UnknownSender { get; }

    public const string UnknownPhone = "+996700111222";

    public Dictionary<string, (long Id, string Key)> Users { get; } = [];

    protected DeskWorld(string engine)
    {
        Host = new(engine);
        var now = DateTimeOffset.UtcNow;
        OrganizationA = TestCompatriots.Scalar(Host, "INSERT INTO directory_organization (name, created_at) VALUES ('Org A', '2026-01-01T00:00:00.000Z') RETURNING id");
        OrganizationB = TestCompatriots.Scalar(Host, "INSERT INTO directory_organization (name, created_at) VALUES ('Org B', '2026-01-01T00:00:00.000Z') RETURNING id");
        IssykKulNative = TestCompatriots.Insert(Host, new("Айгүл Ысыккөлова", "female", "KG-Y", "AE", Channels: "whatsapp;email", Email: "aigul@example.org", OrganizationId: OrganizationA));
        TalasNative = TestCompatriots.Insert(Host, new("Бакыт Таласов", "male", "KG-T", "CA", Phone: "+14165550101", Language: "ru"));
        NarynNative = TestCompatriots.Insert(Host, new("Гүлнара Нарынова", "female", "KG-N", "DE", Phone: "+491701234500", OrganizationId: OrganizationA));
        foreach (var (login, role, region, org) in new (string, string, string?, long?)[]
                 {
                     ("officer", "officer", null, null), ("oblast-y", "oblast", "KG-Y", null), ("oblast-n", "oblast", "KG-N", null),
                     ("leader-a", "leader", null, OrganizationA), ("leader-b", "leader", null, OrganizationB),
                 })
        {
            var id = Security.Users.Create(Host, login, role, region, org);
            Users[login] = (id, Host.Services.GetRequiredService<Features.Auth.UserStore>().CreateApiKey(id).Key);
        }
        IssykKulCampaign = CreateCampaign();
        var ledgerMessage = TestCompatriots.Scalar(Host, """
            INSERT INTO send_message (campaign_id, compatriot_id, channel, language, status, not_before, token)
            VALUES (@IssykKulCampaign, @TalasNative, 'sms', 'ru', 'sent', '2026-01-01T00:00:00.000Z', 'desk-world-token')
            RETURNING id
            """, new { IssykKulCampaign, TalasNative });

        QuestionToState = Receive(new("whatsapp", "Пенсиялык документтер боюнча ким жардам берет?", now.AddDays(-40)) { CompatriotId = IssykKulNative });
        ReplyToCampaign = Receive(new("sms", "Как помочь школе?", now.AddHours(-2)) { CompatriotId = TalasNative, MessageId = ledgerMessage });
        NarynQuestion = Receive(new("whatsapp", "Нарын суроо", now.AddHours(-3)) { CompatriotId = NarynNative, OpensThread = true });
        QuestionToOrganisation = Receive(new("web", "Уюмга суроо", now.AddHours(-1)) { CompatriotId = NarynNative, OpensThread = true, OrganizationId = OrganizationA });
        UnknownSender = Receive(new("sms", "Who can help me?", now.AddMinutes(-30)) { UnknownSender = UnknownPhone });
    }

    public HttpClient Client(string login) => login == "admin" ? Host.AdminClient() : Host.ClientWithKey(Users[login].Key);

    internal long Receive(InboundItem item) => Host.Services.GetRequiredService<DeskIntake>().Receive(item)!.ThreadId;

    public long Scalar(string sql, object? parameters = null) => TestCompatriots.Scalar(Host, sql, parameters);

    public IReadOnlyList<string> AuditActions(long threadId)
    {
        using var connection = Host.OpenDatabase();
        return connection.Query<string>("SELECT action FROM audit_log WHERE subject = @subject ORDER BY id", new { subject = $"thread {threadId}" }).ToList();
    }

    private long CreateCampaign()
    {
        var response = Host.AdminClient().PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Desk world" }, HttpStatusCode.Created).GetAwaiter().GetResult();
        return (long)response["id"]!;
    }

    public void Dispose()
    {
        Host.Dispose();
        GC.SuppressFinalize(this);
    }
}
