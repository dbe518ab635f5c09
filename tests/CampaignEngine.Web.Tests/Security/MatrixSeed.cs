using System.Net;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Security;

/// <summary>
/// Data of one scope (Issyk-Kul, KG-Y, and organisation A) that the matrix's urls point at, and the callers:
/// one user per role inside that scope, and an oblast user of Naryn (KG-N) and a leader of organisation B outside it.
/// The sentinels are values of scope A that must never reach anyone outside it.
/// </summary>
public sealed class MatrixSeed
{
    public const string PersonName = "Сентинел Жылдызбекова";
    public const string PersonPhone = "+971501112233";
    public const string PersonEmail = "sentinel-a@example.org";
    public const string CampaignName = "Sentinel campaign Ысык-Көл";
    public const string PledgeDescription = "Sentinel goods for the school";
    public const string OffererName = "Сентинел Офертова";
    public const string OffererEmail = "sentinel-offer@example.org";
    public const string Question = "Sentinel question to the state about a pension";

    public static readonly string[] Sentinels = [PersonName, PersonPhone, PersonEmail, CampaignName, PledgeDescription, OffererName, OffererEmail, Question];

    public required long OrganizationA { get; init; }
    public required long CompatriotA { get; init; }
    public required long CampaignA { get; init; }
    public required long PledgeA { get; init; }
    public required long FulfilmentA { get; init; }
    public required long ProjectA { get; init; }
    /// <summary>A stranger's offer on <see cref="ProjectA"/>, waiting for a call.</summary>
    public required long OfferA { get; init; }
    /// <summary>A correction scope A's person proposed on their own page (their country as it already is: accepting it changes nothing).</summary>
    public required long ChangeA { get; init; }
    /// <summary>A background import by organisation A's leader.</summary>
    public required long ImportA { get; init; }
    public required string SerialA { get; init; }
    /// <summary>A desk thread of <see cref="CompatriotA"/>, asking the administration (not the organisation).</summary>
    public required long ThreadA { get; init; }
    public required long LeaderAId { get; init; }
    public required long LeaderASpareKeyId { get; init; }
    /// <summary>A user no caller signs in as: the admin's account changes (disable, role, reset) are tried on them.</summary>
    public required long SpareUserId { get; init; }
    public required IReadOnlyDictionary<string, string> Keys { get; init; }

    /// <summary>Sign-in names of the outsiders, for the page forms (cookie and anti-forgery token).</summary>
    public static readonly IReadOnlyDictionary<string, string> OutsiderLogins = new Dictionary<string, string>
    {
        [OtherOblast] = "matrix-oblast-b", [OtherLeader] = "matrix-leader-b",
    };

    public const string Admin = "admin", Officer = "officer", Oblast = "oblast", Leader = "leader";
    public const string OtherOblast = "oblast of another region", OtherLeader = "leader of another organisation";

    public static async Task<MatrixSeed> CreateAsync(TestHost host)
    {
        var admin = host.AdminClient();
        var orgA = (long)(await admin.PostJson("/api/organizations", new { name = "Organisation A" }, HttpStatusCode.Created))["id"]!;
        var orgB = (long)(await admin.PostJson("/api/organizations", new { name = "Organisation B" }, HttpStatusCode.Created))["id"]!;
        var users = host.Services.GetRequiredService<UserStore>();
        string Key(string login, string role, string? region, long? org) => users.CreateApiKey(users.Create(new NewUser(login, Users.Password, role, region, org))).Key;
        var leaderA = users.Create(new NewUser("matrix-leader-a", Users.Password, Roles.Leader, null, orgA));
        var leaderAKey = users.CreateApiKey(leaderA, label: "matrix").Key;
        // Revoking is tried on a second key, so that the leader's own calls go on working.
        var spareKeyId = users.CreateApiKey(leaderA, label: "spare").Id;
        var spareUser = users.Create(new NewUser("matrix-spare", Users.Password, Roles.Officer, null, null));
        var keys = new Dictionary<string, string>
        {
            [Admin] = TestHost.AdminKey,
            [Officer] = Key("matrix-officer", Roles.Officer, null, null),
            [Oblast] = Key("matrix-oblast-a", Roles.Oblast, "KG-Y", null),
            [Leader] = leaderAKey,
            [OtherOblast] = Key("matrix-oblast-b", Roles.Oblast, "KG-N", null),
            [OtherLeader] = Key("matrix-leader-b", Roles.Leader, null, orgB),
        };

        var person = TestCompatriots.Insert(host, new(PersonName, "female", "KG-Y", "AE", Phone: PersonPhone, Email: PersonEmail,
            Channels: "whatsapp;email", OrganizationId: orgA));
        TestCompatriots.Insert(host, new("Other Person Нарын", "male", "KG-N", "DE", Phone: "+491701234567", OrganizationId: orgB));
        var campaign = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = CampaignName }, HttpStatusCode.Created))["id"]!;
        var pledge = (long)(await admin.PostJson("/api/pledges",
            new { compatriotId = person, campaignId = campaign, kind = "in_kind", items = 3, description = PledgeDescription }, HttpStatusCode.Created))["id"]!;
        var money = (long)(await admin.PostJson("/api/pledges",
            new { compatriotId = person, campaignId = campaign, kind = "money", amount = 100, currency = "USD" }, HttpStatusCode.Created))["id"]!;
        // Recorded by someone outside the callers, so that every caller may approve it (nobody approves their own entry).
        var recorder = host.ClientWithKey(Key("matrix-recorder", Roles.Officer, null, null));
        var fulfilment = (long)(await recorder.PostJson($"/api/pledges/{money}/fulfilments",
            new { amount = 40, currency = "USD", evidence = "bank ref 1" }, HttpStatusCode.Created))["id"]!;
        var project = (long)(await admin.PostJson("/api/projects", new
        {
            region = "KG-Y", moduleId = "issyk-kul", title = new { ky = "Көл", ru = "Озеро", en = "Lake" }, budget = 1000, currency = "USD",
        }, HttpStatusCode.Created))["id"]!;
        var offer = TestCompatriots.Scalar(host, """
            INSERT INTO pledge_offer (project_id, kind, amount, currency, amount_usd, full_name, email, language, contact_consent_at, created_at)
            VALUES (@project, 'money', 50, 'USD', 50, @name, @email, 'ru', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')
            RETURNING id
            """, new { project, name = OffererName, email = OffererEmail });
        var change = TestCompatriots.Scalar(host, """
            INSERT INTO directory_proposed_change (compatriot_id, field, value, proposed_at) VALUES (@person, 'country', 'AE', '2026-01-01T00:00:00.000Z')
            RETURNING id
            """, new { person });
        var certificate = await admin.PostJson("/api/certificates",
            new { compatriotId = person, moduleId = "issyk-kul", kind = "gratitude", language = "ky", reason = "Салым үчүн" }, HttpStatusCode.Created);
        var thread = host.Services.GetRequiredService<Features.Responses.Desk.DeskIntake>()
            .Receive(new Features.Responses.Desk.InboundItem("whatsapp", Question, DateTimeOffset.UtcNow) { CompatriotId = person })!.ThreadId;
        // A background import by organisation A's leader, finished (migration 0054).
        var import = TestCompatriots.Scalar(host, """
            INSERT INTO directory_import (state, user_id, user_login, user_role, organization_id, file_bytes, created_at)
            VALUES ('done', @leaderA, 'matrix-leader-a', 'leader', @orgA, 100, '2026-01-01T00:00:00.000Z') RETURNING id
            """, new { leaderA, orgA });
        return new MatrixSeed
        {
            ThreadA = thread, ImportA = import,
            OrganizationA = orgA, CompatriotA = person, CampaignA = campaign, PledgeA = pledge, FulfilmentA = fulfilment, ProjectA = project, OfferA = offer, ChangeA = change,
            SerialA = (string)certificate["serial"]!, LeaderAId = leaderA, LeaderASpareKeyId = spareKeyId, SpareUserId = spareUser, Keys = keys,
        };
    }
}
