namespace CampaignEngine.Web.Tests.Security;

/// <summary>Who may use a route. Oblast and Leader mean the users inside the seeded scope (Issyk-Kul, organisation A).</summary>
[Flags]
public enum Who
{
    Nobody = 0,
    Public = 1,
    Admin = 2,
    Officer = 4,
    Oblast = 8,
    Leader = 16,
    National = Admin | Officer,
    Campaigners = Admin | Officer | Oblast,
    Staff = Admin | Officer | Oblast | Leader,
}

/// <summary>What a user outside the seeded scope (Naryn's oblast user, organisation B's leader) gets from a route their role may use.</summary>
public enum Scoped
{
    /// <summary>Nothing of scope A is involved (their own account, reference data, public pages).</summary>
    No,
    /// <summary>The url or body names one thing of scope A: they get 400, 403 or 404, never the thing.</summary>
    Resource,
    /// <summary>A list or report: they get their own part, which holds none of scope A's sentinels.</summary>
    List,
}

/// <summary>
/// One line per route: method, route template as the app maps it, who may use it, how it is scoped, and the url
/// (and body, for creations whose scope is in the body) that reaches scope A's data. A route missing from this
/// table fails <see cref="AuthorizationMatrixTests"/>.
/// </summary>
/// <param name="OutsiderBody">
/// What a user outside scope A sends instead of <paramref name="Body"/>: scope A's person or thing reached through what
/// the outsider does own (their own region's module), the case "own module, a person of another region". For page
/// forms, a dictionary of form fields.
/// </param>
public sealed record Rule(string Method, string Template, Who Who, Scoped Scoped, Func<MatrixSeed, string> Url, Func<MatrixSeed, object>? Body = null,
    Func<MatrixSeed, object>? OutsiderBody = null);

public static class AuthorizationMatrix
{
    private static Rule R(string method, string template, Who who, Scoped scoped, Func<MatrixSeed, string> url, Func<MatrixSeed, object>? body = null,
        Func<MatrixSeed, object>? outsider = null) =>
        new(method, template, who, scoped, url, body, outsider);

    // Naryn's oblast user issuing under its own module (naryn) to scope A's person, a native of Issyk-Kul.
    private static object OwnModuleForeignPerson(MatrixSeed s) =>
        new { compatriotId = s.CompatriotA, moduleId = "naryn", kind = "gratitude", language = "ky", reason = "Салым үчүн" };

    // An upload of an empty file: authorised callers get a problem naming the file, the others are refused before reading it.
    private static MultipartFormDataContent CsvUpload() =>
        new() { { new ByteArrayContent([]) { Headers = { ContentType = new("text/csv") } }, "file", "empty.csv" } };

    public static readonly IReadOnlyList<Rule> Rules =
    [
        // Public: pages and calls anyone may use, rate limited.
        R("ANY", "health", Who.Public, Scoped.No, s => "/health"),
        R("ANY", "health/live", Who.Public, Scoped.No, s => "/health/live"),
        R("ANY", "health/ready", Who.Public, Scoped.No, s => "/health/ready"),
        R("GET", ".well-known/campaign-engine/issuers.json", Who.Public, Scoped.No, s => "/.well-known/campaign-engine/issuers.json"),
        R("GET", "account/login", Who.Public, Scoped.No, s => "/account/login"),
        R("POST", "account/login", Who.Public, Scoped.No, s => "/account/login"),
        R("GET", "account/denied", Who.Public, Scoped.No, s => "/account/denied"),
        R("GET", "r/{token}", Who.Public, Scoped.No, s => "/r/unknown-token"),
        R("POST", "r/{token}/pledge", Who.Public, Scoped.No, s => "/r/unknown-token/pledge"),
        R("GET", "r/{token}/thanks", Who.Public, Scoped.No, s => "/r/unknown-token/thanks"),
        R("POST", "r/{token}/ask", Who.Public, Scoped.No, s => "/r/unknown-token/ask"),
        R("GET", "r/{token}/questions", Who.Public, Scoped.No, s => "/r/unknown-token/questions"),
        R("GET", "u/{token}", Who.Public, Scoped.No, s => "/u/unknown-token"),
        R("POST", "u/{token}", Who.Public, Scoped.No, s => "/u/unknown-token"),
        R("GET", "verify", Who.Public, Scoped.No, s => "/verify"),
        R("GET", "verify/{serial}", Who.Public, Scoped.No, s => $"/verify/{s.SerialA}"),
        R("GET", "api/certificates/{serial}/verify", Who.Public, Scoped.No, s => $"/api/certificates/{s.SerialA}/verify"),
        R("GET", "honour/{moduleId}", Who.Public, Scoped.No, s => "/honour/issyk-kul"),
        R("GET", "projects/{id:long}", Who.Public, Scoped.No, s => $"/projects/{s.ProjectA}"),
        R("POST", "projects/{id:long}/offer", Who.Public, Scoped.No, s => $"/projects/{s.ProjectA}/offer"),
        R("POST", "webhooks/{channel}", Who.Public, Scoped.No, s => "/webhooks/sms"),
        R("POST", "webhooks/email", Who.Public, Scoped.No, s => "/webhooks/email"),
        R("GET", "c/{token}", Who.Public, Scoped.No, s => "/c/unknown-token"),
        R("GET", "me/{token}", Who.Public, Scoped.No, s => "/me/unknown-token"),
        R("POST", "me/{token}/preferences", Who.Public, Scoped.No, s => "/me/unknown-token/preferences"),
        R("POST", "me/{token}/rotate", Who.Public, Scoped.No, s => "/me/unknown-token/rotate"),
        R("POST", "me/{token}/ask", Who.Public, Scoped.No, s => "/me/unknown-token/ask"),
        R("GET", "me/{token}/export", Who.Public, Scoped.No, s => "/me/unknown-token/export"),
        R("GET", "me/{token}/erase", Who.Public, Scoped.No, s => "/me/unknown-token/erase"),
        R("POST", "me/{token}/erase", Who.Public, Scoped.No, s => "/me/unknown-token/erase"),
        R("GET", "me/{token}/receipts/{id:long}.pdf", Who.Public, Scoped.No, s => "/me/unknown-token/receipts/1.pdf"),
        R("GET", "me/{token}/receipts/{year:int}/statement.pdf", Who.Public, Scoped.No, s => "/me/unknown-token/receipts/2026/statement.pdf"),
        R("GET", "me/{token}/certificates/{serial}.pdf", Who.Public, Scoped.No, s => $"/me/unknown-token/certificates/{s.SerialA}.pdf"),
        R("POST", "me/{token}/pledges/{id:long}/pause", Who.Public, Scoped.No, s => $"/me/unknown-token/pledges/{s.PledgeA}/pause"),
        R("POST", "me/{token}/pledges/{id:long}/resume", Who.Public, Scoped.No, s => $"/me/unknown-token/pledges/{s.PledgeA}/resume"),
        R("POST", "me/{token}/pledges/{id:long}/stop", Who.Public, Scoped.No, s => $"/me/unknown-token/pledges/{s.PledgeA}/stop"),
        R("GET", "c/{token}/html", Who.Public, Scoped.No, s => "/c/unknown-token/html"),
        R("GET", "c/{token}/pdf", Who.Public, Scoped.No, s => "/c/unknown-token/pdf"),
        R("GET", "projects/{id:long}/files/{fileId:long}", Who.Public, Scoped.No, s => $"/projects/{s.ProjectA}/files/999999"),
        R("GET", "projects/{id:long}/files/{fileId:long}/thumbnail", Who.Public, Scoped.No, s => $"/projects/{s.ProjectA}/files/999999/thumbnail"),
        R("GET", "responsiveness", Who.Public, Scoped.No, s => "/responsiveness"),
        // A form's own address opened with GET leads back to the form's page; any other address under a link is "not
        // found" in the reader's language (PublicAddressesController).
        R("GET", "r/{token}/{**rest}", Who.Public, Scoped.No, s => "/r/unknown-token/nowhere"),
        R("GET", "me/{token}/{**rest}", Who.Public, Scoped.No, s => "/me/unknown-token/nowhere"),
        // Any other address nothing answers: "no page here", never the staff sign-in.
        R("GET", "{**path}", Who.Public, Scoped.No, s => "/nowhere/at/all"),
        R("GET", "r/{token}/pledge", Who.Public, Scoped.No, s => "/r/unknown-token/pledge"),
        R("GET", "r/{token}/ask", Who.Public, Scoped.No, s => "/r/unknown-token/ask"),
        R("GET", "projects/{id:long}/offer", Who.Public, Scoped.No, s => $"/projects/{s.ProjectA}/offer"),
        R("GET", "me/{token}/preferences", Who.Public, Scoped.No, s => "/me/unknown-token/preferences"),
        R("GET", "me/{token}/ask", Who.Public, Scoped.No, s => "/me/unknown-token/ask"),
        R("GET", "me/{token}/rotate", Who.Public, Scoped.No, s => "/me/unknown-token/rotate"),
        R("GET", "me/{token}/pledges/{id:long}/pause", Who.Public, Scoped.No, s => $"/me/unknown-token/pledges/{s.PledgeA}/pause"),
        R("GET", "me/{token}/pledges/{id:long}/resume", Who.Public, Scoped.No, s => $"/me/unknown-token/pledges/{s.PledgeA}/resume"),
        R("GET", "me/{token}/pledges/{id:long}/stop", Who.Public, Scoped.No, s => $"/me/unknown-token/pledges/{s.PledgeA}/stop"),

        // One's own account.
        R("POST", "account/logout", Who.Staff, Scoped.No, s => "/account/logout"),
        R("GET", "account/security", Who.Staff, Scoped.No, s => "/account/security"),
        R("POST", "account/password", Who.Staff, Scoped.No, s => "/account/password"),
        R("POST", "account/keys", Who.Staff, Scoped.No, s => "/account/keys"),
        R("POST", "account/keys/{id:long}/revoke", Who.Staff, Scoped.Resource, s => $"/account/keys/{s.LeaderASpareKeyId}/revoke"),
        R("POST", "account/sign-out-everywhere", Who.Staff, Scoped.No, s => "/account/sign-out-everywhere"),
        R("POST", "api/account/password", Who.Staff, Scoped.No, s => "/api/account/password"),

        // Users and keys: an admin for anyone, a user for themself (the leader of scope A owns the key and the user id).
        R("POST", "api/users", Who.Admin, Scoped.No, s => "/api/users"),
        // An account's lifecycle: the admin only, tried on a user nobody signs in as.
        R("GET", "api/users", Who.Admin, Scoped.No, s => "/api/users"),
        R("GET", "api/users/{id:long}", Who.Admin, Scoped.No, s => $"/api/users/{s.SpareUserId}"),
        R("POST", "api/users/{id:long}/disable", Who.Admin, Scoped.No, s => $"/api/users/{s.SpareUserId}/disable"),
        R("POST", "api/users/{id:long}/enable", Who.Admin, Scoped.No, s => $"/api/users/{s.SpareUserId}/enable"),
        R("PUT", "api/users/{id:long}/role", Who.Admin, Scoped.No, s => $"/api/users/{s.SpareUserId}/role"),
        R("POST", "api/users/{id:long}/password-reset", Who.Admin, Scoped.No, s => $"/api/users/{s.SpareUserId}/password-reset"),
        R("DELETE", "api/users/{id:long}/sessions", Who.Admin, Scoped.No, s => $"/api/users/{s.SpareUserId}/sessions"),
        // The operator's tools: Hangfire's dashboard and the metrics (also open to the scrape token, MetricsTests) for
        // admins; the API's description and its reference page for every staff role.
        R("ANY", "jobs/{**path}", Who.Admin, Scoped.No, s => "/jobs"),
        R("GET", "metrics", Who.Admin, Scoped.No, s => "/metrics"),
        R("GET", "openapi", Who.Staff, Scoped.No, s => "/openapi"),
        R("GET", "openapi/{documentName}.json", Who.Staff, Scoped.No, s => "/openapi/v1.json"),
        R("GET", "users", Who.Admin, Scoped.No, s => "/users"),
        R("POST", "users", Who.Admin, Scoped.No, s => "/users"),
        R("GET", "users/{id:long}", Who.Admin, Scoped.No, s => $"/users/{s.SpareUserId}"),
        R("POST", "users/{id:long}/disable", Who.Admin, Scoped.No, s => $"/users/{s.SpareUserId}/disable"),
        R("POST", "users/{id:long}/enable", Who.Admin, Scoped.No, s => $"/users/{s.SpareUserId}/enable"),
        R("POST", "users/{id:long}/role", Who.Admin, Scoped.No, s => $"/users/{s.SpareUserId}/role"),
        R("POST", "users/{id:long}/password-reset", Who.Admin, Scoped.No, s => $"/users/{s.SpareUserId}/password-reset"),
        R("POST", "users/{id:long}/sessions/end", Who.Admin, Scoped.No, s => $"/users/{s.SpareUserId}/sessions/end"),
        R("GET", "api/users/{id:long}/api-keys", Who.Admin | Who.Leader, Scoped.Resource, s => $"/api/users/{s.LeaderAId}/api-keys"),
        R("POST", "api/users/{id:long}/api-keys", Who.Admin | Who.Leader, Scoped.Resource, s => $"/api/users/{s.LeaderAId}/api-keys"),
        R("DELETE", "api/api-keys/{id:long}", Who.Admin | Who.Leader, Scoped.Resource, s => $"/api/api-keys/{s.LeaderASpareKeyId}"),

        // Audit.
        R("GET", "audit", Who.Staff, Scoped.List, s => "/audit"),
        R("GET", "api/audit", Who.Staff, Scoped.List, s => "/api/audit"),
        R("GET", "api/audit/verify", Who.National, Scoped.No, s => "/api/audit/verify"),

        // Directory and personal data.
        R("GET", "", Who.Staff, Scoped.List, s => "/"),
        R("GET", "compatriots", Who.Staff, Scoped.List, s => "/compatriots?search=Сентинел"),
        R("GET", "compatriots/pick", Who.Staff, Scoped.List, s => "/compatriots/pick?q=" + Uri.EscapeDataString(MatrixSeed.PersonName)),
        R("POST", "compatriots/import", Who.National | Who.Leader, Scoped.No, s => "/compatriots/import"),
        R("GET", "compatriots/import/template.csv", Who.National | Who.Leader, Scoped.No, s => "/compatriots/import/template.csv"),
        R("GET", "compatriots/imports/{id:long}", Who.National | Who.Leader, Scoped.Resource, s => $"/compatriots/imports/{s.ImportA}"),
        R("GET", "compatriots/{id:long}", Who.Staff, Scoped.Resource, s => $"/compatriots/{s.CompatriotA}"),
        R("POST", "compatriots/{id:long}/changes/{changeId:long}/accept", Who.Campaigners, Scoped.Resource, s => $"/compatriots/{s.CompatriotA}/changes/{s.ChangeA}/accept"),
        R("POST", "compatriots/{id:long}/changes/{changeId:long}/reject", Who.Campaigners, Scoped.Resource, s => $"/compatriots/{s.CompatriotA}/changes/{s.ChangeA}/reject"),
        R("GET", "api/compatriots", Who.Staff, Scoped.List, s => "/api/compatriots"),
        R("GET", "api/compatriots/{id:long}", Who.Staff, Scoped.Resource, s => $"/api/compatriots/{s.CompatriotA}"),
        R("POST", "api/compatriots/import", Who.National | Who.Leader, Scoped.No, s => "/api/compatriots/import", s => CsvUpload()),
        R("GET", "api/compatriots/imports/{id:long}", Who.National | Who.Leader, Scoped.Resource, s => $"/api/compatriots/imports/{s.ImportA}"),
        R("GET", "api/compatriots/{id:long}/export", Who.National, Scoped.Resource, s => $"/api/compatriots/{s.CompatriotA}/export"),
        R("DELETE", "api/compatriots/{id:long}", Who.National, Scoped.Resource, s => $"/api/compatriots/{s.CompatriotA}"),
        // Erasure requests people make on their own page: decided by those who may erase (national staff), scoped like the directory.
        R("GET", "privacy/erasure-requests", Who.National, Scoped.List, s => "/privacy/erasure-requests"),
        R("POST", "privacy/erasure-requests/{id:long}/confirm", Who.National, Scoped.Resource, s => "/privacy/erasure-requests/999999/confirm"),
        R("POST", "privacy/erasure-requests/{id:long}/refuse", Who.National, Scoped.Resource, s => "/privacy/erasure-requests/999999/refuse"),
        R("GET", "api/privacy/erasure-requests", Who.National, Scoped.List, s => "/api/privacy/erasure-requests"),
        R("GET", "api/privacy/erasure-requests/{id:long}", Who.National, Scoped.Resource, s => "/api/privacy/erasure-requests/999999"),
        R("POST", "api/privacy/erasure-requests/{id:long}/confirm", Who.National, Scoped.Resource, s => "/api/privacy/erasure-requests/999999/confirm"),
        R("POST", "api/privacy/erasure-requests/{id:long}/refuse", Who.National, Scoped.Resource, s => "/api/privacy/erasure-requests/999999/refuse",
            s => new { reason = "Идёт проверка" }),
        R("GET", "api/organizations", Who.Staff, Scoped.No, s => "/api/organizations"),
        R("POST", "api/organizations", Who.National, Scoped.No, s => "/api/organizations", s => new { name = "New organisation" }),

        // Modules and their templates.
        R("GET", "modules", Who.Staff, Scoped.No, s => "/modules"),
        R("GET", "api/modules", Who.Staff, Scoped.No, s => "/api/modules"),
        R("GET", "modules/{moduleId}/templates", Who.Campaigners, Scoped.Resource, s => "/modules/issyk-kul/templates"),
        R("POST", "modules/{moduleId}/templates", Who.Campaigners, Scoped.Resource, s => "/modules/issyk-kul/templates"),
        R("GET", "api/modules/{moduleId}/templates/{name}/{language}", Who.Campaigners, Scoped.Resource, s => "/api/modules/issyk-kul/templates/appeal/ky"),
        R("PUT", "api/modules/{moduleId}/templates/{name}/{language}", Who.Campaigners, Scoped.Resource, s => "/api/modules/issyk-kul/templates/appeal/ky",
            s => new { @short = "{{ recipient.first_name }}: {{ links.pledge }}" }),
        // Module settings: national staff every module, an oblast administration its own, leaders none.
        R("GET", "modules/{moduleId}/settings", Who.Campaigners, Scoped.Resource, s => "/modules/issyk-kul/settings"),
        R("POST", "modules/{moduleId}/settings", Who.Campaigners, Scoped.Resource, s => "/modules/issyk-kul/settings"),
        R("POST", "modules/{moduleId}/settings/restore", Who.Campaigners, Scoped.Resource, s => "/modules/issyk-kul/settings/restore"),
        R("GET", "api/modules/{moduleId}/settings", Who.Campaigners, Scoped.Resource, s => "/api/modules/issyk-kul/settings"),
        R("PUT", "api/modules/{moduleId}/settings", Who.Campaigners, Scoped.Resource, s => "/api/modules/issyk-kul/settings",
            s => new { basedOn = 0, values = new { slaWorkingDays = 12 } }),
        R("POST", "api/modules/{moduleId}/settings/restore", Who.Campaigners, Scoped.Resource, s => "/api/modules/issyk-kul/settings/restore",
            s => new { version = 0, basedOn = 0 }),

        // The desk's answers: saved replies of the modules a user acts for (leaders act for none), previews of threads in view.
        R("GET", "api/inbox/saved-replies", Who.Campaigners, Scoped.List, s => "/api/inbox/saved-replies"),
        R("POST", "api/inbox/saved-replies", Who.Campaigners, Scoped.Resource, s => "/api/inbox/saved-replies",
            s => new { moduleId = "issyk-kul", language = "ru", title = "Matrix", text = "Здравствуйте, {{ recipient.first_name }}!" }),
        R("PUT", "api/inbox/saved-replies/{id:long}", Who.Campaigners, Scoped.Resource, s => "/api/inbox/saved-replies/999999",
            s => new { moduleId = "issyk-kul", language = "ru", title = "Matrix", text = "Здравствуйте" }),
        R("DELETE", "api/inbox/saved-replies/{id:long}", Who.Campaigners, Scoped.Resource, s => "/api/inbox/saved-replies/999999"),
        R("POST", "api/inbox/{id:long}/preview", Who.Staff, Scoped.Resource, s => "/api/inbox/999999/preview", s => new { text = "Здравствуйте" }),
        R("GET", "desk/saved-replies", Who.Campaigners, Scoped.List, s => "/desk/saved-replies"),
        R("POST", "desk/saved-replies", Who.Campaigners, Scoped.No, s => "/desk/saved-replies"),
        R("POST", "desk/saved-replies/{id:long}/delete", Who.Campaigners, Scoped.Resource, s => "/desk/saved-replies/999999/delete"),

        // Campaigns: national staff all, an oblast user its region's modules, leaders none.
        R("GET", "campaigns", Who.Campaigners, Scoped.List, s => "/campaigns"),
        R("GET", "campaigns/new", Who.Campaigners, Scoped.No, s => "/campaigns/new?module=issyk-kul"),
        R("POST", "campaigns/new", Who.Campaigners, Scoped.No, s => "/campaigns/new"),
        R("GET", "campaigns/{id:long}", Who.Campaigners, Scoped.Resource, s => $"/campaigns/{s.CampaignA}"),
        R("POST", "campaigns/{id:long}", Who.Campaigners, Scoped.Resource, s => $"/campaigns/{s.CampaignA}"),
        R("GET", "campaigns/{id:long}/preview", Who.Campaigners, Scoped.Resource, s => $"/campaigns/{s.CampaignA}/preview"),
        R("GET", "campaigns/{id:long}/messages", Who.Campaigners, Scoped.Resource, s => $"/campaigns/{s.CampaignA}/messages"),
        R("POST", "campaigns/{id:long}/launch", Who.Campaigners, Scoped.Resource, s => $"/campaigns/{s.CampaignA}/launch"),
        R("POST", "campaigns/{id:long}/control", Who.Campaigners, Scoped.Resource, s => $"/campaigns/{s.CampaignA}/control"),
        R("POST", "campaigns/{id:long}/retry", Who.Campaigners, Scoped.Resource, s => $"/campaigns/{s.CampaignA}/retry"),
        R("GET", "api/campaigns", Who.Campaigners, Scoped.List, s => "/api/campaigns"),
        R("POST", "api/campaigns", Who.Campaigners, Scoped.Resource, s => "/api/campaigns", s => new { moduleId = "issyk-kul", name = "Another" }),
        R("GET", "api/campaigns/{id:long}", Who.Campaigners, Scoped.Resource, s => $"/api/campaigns/{s.CampaignA}"),
        R("PUT", "api/campaigns/{id:long}", Who.Campaigners, Scoped.Resource, s => $"/api/campaigns/{s.CampaignA}", s => new { name = "Renamed" }),
        R("GET", "api/campaigns/{id:long}/audience", Who.Campaigners, Scoped.Resource, s => $"/api/campaigns/{s.CampaignA}/audience"),
        R("GET", "api/campaigns/{id:long}/preview", Who.Campaigners, Scoped.Resource, s => $"/api/campaigns/{s.CampaignA}/preview"),
        R("GET", "api/campaigns/{id:long}/messages", Who.Campaigners, Scoped.Resource, s => $"/api/campaigns/{s.CampaignA}/messages"),
        R("GET", "api/campaigns/{id:long}/failures", Who.Campaigners, Scoped.Resource, s => $"/api/campaigns/{s.CampaignA}/failures"),
        R("POST", "api/campaigns/{id:long}/launch", Who.Campaigners, Scoped.Resource, s => $"/api/campaigns/{s.CampaignA}/launch"),
        R("POST", "api/campaigns/{id:long}/pause", Who.Campaigners, Scoped.Resource, s => $"/api/campaigns/{s.CampaignA}/pause"),
        R("POST", "api/campaigns/{id:long}/resume", Who.Campaigners, Scoped.Resource, s => $"/api/campaigns/{s.CampaignA}/resume"),
        R("POST", "api/campaigns/{id:long}/retry", Who.Campaigners, Scoped.Resource, s => $"/api/campaigns/{s.CampaignA}/retry"),
        R("POST", "api/campaigns/{id:long}/cancel", Who.Campaigners, Scoped.Resource, s => $"/api/campaigns/{s.CampaignA}/cancel"),

        // Pledges and fulfilments: oblast users read their region's; leaders read and record their members'.
        R("GET", "pledges", Who.Staff, Scoped.List, s => "/pledges"),
        R("GET", "pledges/new", Who.National | Who.Leader, Scoped.No, s => "/pledges/new"),
        R("POST", "pledges/new", Who.National | Who.Leader, Scoped.No, s => "/pledges/new"),
        R("GET", "pledges/{id:long}", Who.Staff, Scoped.Resource, s => $"/pledges/{s.PledgeA}"),
        R("POST", "pledges/{id:long}/confirm", Who.National | Who.Leader, Scoped.Resource, s => $"/pledges/{s.PledgeA}/confirm"),
        R("POST", "pledges/{id:long}/fulfilments", Who.National | Who.Leader, Scoped.Resource, s => $"/pledges/{s.PledgeA}/fulfilments"),
        R("GET", "pledges/offers", Who.Campaigners, Scoped.List, s => "/pledges/offers"),
        R("GET", "pledges/offers/{id:long}", Who.Campaigners, Scoped.Resource, s => $"/pledges/offers/{s.OfferA}"),
        R("POST", "pledges/offers/{id:long}/confirm", Who.Campaigners, Scoped.Resource, s => $"/pledges/offers/{s.OfferA}/confirm"),
        R("POST", "pledges/offers/{id:long}/drop", Who.Campaigners, Scoped.Resource, s => $"/pledges/offers/{s.OfferA}/drop"),
        R("POST", "pledges/fulfilments/{id:long}/decide", Who.National | Who.Leader, Scoped.Resource, s => $"/pledges/fulfilments/{s.FulfilmentA}/decide"),
        R("GET", "api/pledges", Who.Staff, Scoped.List, s => "/api/pledges"),
        R("POST", "api/pledges", Who.National | Who.Leader, Scoped.Resource, s => "/api/pledges",
            s => new { compatriotId = s.CompatriotA, kind = "money", amount = 5, currency = "USD" }),
        R("GET", "api/pledges/{id:long}", Who.Staff, Scoped.Resource, s => $"/api/pledges/{s.PledgeA}"),
        R("POST", "api/pledges/{id:long}/confirm", Who.National | Who.Leader, Scoped.Resource, s => $"/api/pledges/{s.PledgeA}/confirm"),
        R("POST", "api/pledges/{id:long}/cancel", Who.National | Who.Leader, Scoped.Resource, s => $"/api/pledges/{s.PledgeA}/cancel", s => new { reason = "test" }),
        R("POST", "api/pledges/{id:long}/write-off", Who.National | Who.Leader, Scoped.Resource, s => $"/api/pledges/{s.PledgeA}/write-off", s => new { reason = "test" }),
        R("POST", "api/pledges/{id:long}/fulfilments", Who.National | Who.Leader, Scoped.Resource, s => $"/api/pledges/{s.PledgeA}/fulfilments",
            s => new { evidence = "receipt 2" }),
        R("POST", "api/fulfilments/{id:long}/approve", Who.National | Who.Leader, Scoped.Resource, s => $"/api/fulfilments/{s.FulfilmentA}/approve"),
        R("POST", "api/fulfilments/{id:long}/reject", Who.National | Who.Leader, Scoped.Resource, s => $"/api/fulfilments/{s.FulfilmentA}/reject", s => new { reason = "test" }),
        R("PUT", "api/rates", Who.Admin, Scoped.No, s => "/api/rates"),

        // Projects: posted by oblast users (their region) and officers; the public page is above.
        R("GET", "api/projects", Who.Staff, Scoped.No, s => "/api/projects"),
        R("POST", "api/projects", Who.Campaigners, Scoped.Resource, s => "/api/projects",
            s => new { region = "KG-Y", moduleId = "issyk-kul", title = new { ky = "Жол", ru = "Дорога", en = "Road" }, budget = 500, currency = "USD" }),
        R("GET", "api/projects/{id:long}", Who.Staff, Scoped.No, s => $"/api/projects/{s.ProjectA}"),
        R("POST", "api/projects/{id:long}/updates", Who.Campaigners, Scoped.Resource, s => $"/api/projects/{s.ProjectA}/updates", s => new { text = "Progress" }),
        R("PUT", "api/projects/{id:long}", Who.Campaigners, Scoped.Resource, s => $"/api/projects/{s.ProjectA}", s => new { budget = 600 }),
        R("GET", "projects", Who.Campaigners, Scoped.List, s => "/projects"),
        R("GET", "projects/new", Who.Campaigners, Scoped.No, s => "/projects/new"),
        R("POST", "projects/new", Who.Campaigners, Scoped.No, s => "/projects/new"),
        R("GET", "projects/{id:long}/edit", Who.Campaigners, Scoped.Resource, s => $"/projects/{s.ProjectA}/edit"),
        R("POST", "projects/{id:long}/edit", Who.Campaigners, Scoped.Resource, s => $"/projects/{s.ProjectA}/edit"),
        R("POST", "projects/{id:long}/updates", Who.Campaigners, Scoped.Resource, s => $"/projects/{s.ProjectA}/updates"),

        // Reports: everyone their own scope; a campaign's funnel only to those who may see the campaign.
        R("GET", "api/reports/pledges", Who.Staff, Scoped.List, s => "/api/reports/pledges?by=gender"),
        R("GET", "api/reports/crosstab", Who.Staff, Scoped.List, s => "/api/reports/crosstab?rows=gender&cols=country"),
        R("GET", "api/reports/funnel", Who.Staff, Scoped.Resource, s => $"/api/reports/funnel?campaignId={s.CampaignA}"),
        R("GET", "reports", Who.Staff, Scoped.List, s => "/reports?by=gender"),
        R("GET", "reports/pledges/export", Who.Staff, Scoped.List, s => "/reports/pledges/export?by=gender&format=csv"),
        R("GET", "reports/crosstab", Who.Staff, Scoped.List, s => "/reports/crosstab?rows=gender&cols=country"),
        R("GET", "reports/funnel", Who.Staff, Scoped.Resource, s => $"/reports/funnel?campaignId={s.CampaignA}"),
        R("GET", "reports/answers", Who.Staff, Scoped.List, s => "/reports/answers"),

        // The desk's figures: everyone the threads of their own view (counts only).
        R("GET", "api/inbox/stats", Who.Staff, Scoped.List, s => "/api/inbox/stats"),
        R("GET", "desk/stats", Who.Staff, Scoped.List, s => "/desk/stats"),

        // The responses desk: national staff see every thread, an oblast user its region's and its modules', a leader only
        // threads addressed to their organisation (scope A's thread asks the administration, so leader A gets 404 too:
        // DeskScopeTests checks each role). Bulk actions name threads in the body: one outside the view answers 404.
        R("GET", "desk", Who.Staff, Scoped.List, s => "/desk"),
        R("POST", "desk/bulk", Who.Staff, Scoped.Resource, s => "/desk/bulk", outsider: s => new Dictionary<string, string>
        {
            ["ids"] = s.ThreadA.ToString(System.Globalization.CultureInfo.InvariantCulture), ["action"] = "close",
        }),
        R("GET", "desk/{id:long}", Who.Staff, Scoped.Resource, s => $"/desk/{s.ThreadA}"),
        R("POST", "desk/{id:long}/assign", Who.Staff, Scoped.Resource, s => $"/desk/{s.ThreadA}/assign"),
        R("POST", "desk/{id:long}/tag", Who.Staff, Scoped.Resource, s => $"/desk/{s.ThreadA}/tag"),
        R("POST", "desk/{id:long}/answer", Who.Staff, Scoped.Resource, s => $"/desk/{s.ThreadA}/answer"),
        R("POST", "desk/{id:long}/forward", Who.Staff, Scoped.Resource, s => $"/desk/{s.ThreadA}/forward"),
        R("POST", "desk/{id:long}/close", Who.Staff, Scoped.Resource, s => $"/desk/{s.ThreadA}/close"),
        R("POST", "desk/{id:long}/note", Who.Staff, Scoped.Resource, s => $"/desk/{s.ThreadA}/note"),
        R("POST", "desk/{id:long}/link", Who.Staff, Scoped.Resource, s => $"/desk/{s.ThreadA}/link"),
        R("GET", "api/inbox", Who.Staff, Scoped.List, s => "/api/inbox"),
        R("GET", "api/inbox/{id:long}", Who.Staff, Scoped.Resource, s => $"/api/inbox/{s.ThreadA}"),
        R("POST", "api/inbox/{id:long}/assign", Who.Staff, Scoped.Resource, s => $"/api/inbox/{s.ThreadA}/assign", s => new { userId = s.SpareUserId }),
        R("POST", "api/inbox/{id:long}/tag", Who.Staff, Scoped.Resource, s => $"/api/inbox/{s.ThreadA}/tag", s => new { topics = new[] { "pensions" } }),
        R("POST", "api/inbox/{id:long}/answer", Who.Staff, Scoped.Resource, s => $"/api/inbox/{s.ThreadA}/answer", s => new { text = "Жооп" }),
        R("POST", "api/inbox/{id:long}/forward", Who.Staff, Scoped.Resource, s => $"/api/inbox/{s.ThreadA}/forward", s => new { to = "Ministry", note = "matrix" }),
        R("POST", "api/inbox/{id:long}/close", Who.Staff, Scoped.Resource, s => $"/api/inbox/{s.ThreadA}/close"),
        R("POST", "api/inbox/{id:long}/note", Who.Staff, Scoped.Resource, s => $"/api/inbox/{s.ThreadA}/note", s => new { text = "matrix" }),
        R("POST", "api/inbox/{id:long}/link", Who.Staff, Scoped.Resource, s => $"/api/inbox/{s.ThreadA}/link", s => new { compatriotId = s.CompatriotA }),
        R("POST", "api/inbox/bulk", Who.Staff, Scoped.Resource, s => "/api/inbox/bulk", s => new { ids = new[] { s.ThreadA }, action = "close" }),

        // Certificates: issued by national staff and the oblast of the module's region; leaders none.
        R("GET", "certificates", Who.Campaigners, Scoped.List, s => "/certificates?find=Сентинел"),
        R("POST", "certificates", Who.Campaigners, Scoped.Resource, s => "/certificates", outsider: s => new Dictionary<string, string>
        {
            ["CompatriotId"] = s.CompatriotA.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ModuleId"] = "naryn",
            ["Kind"] = "gratitude", ["Reason"] = "Салым үчүн",
        }),
        R("GET", "certificates/{serial}", Who.Campaigners, Scoped.Resource, s => $"/certificates/{s.SerialA}"),
        R("GET", "certificates/{serial}/html", Who.Campaigners, Scoped.Resource, s => $"/certificates/{s.SerialA}/html"),
        R("GET", "certificates/{serial}/pdf", Who.Campaigners, Scoped.Resource, s => $"/certificates/{s.SerialA}/pdf"),
        R("POST", "certificates/{serial}/revoke", Who.Campaigners, Scoped.Resource, s => $"/certificates/{s.SerialA}/revoke"),
        R("POST", "certificates/{serial}/reissue", Who.Campaigners, Scoped.Resource, s => $"/certificates/{s.SerialA}/reissue"),
        R("POST", "certificates/{serial}/honour-roll", Who.Campaigners, Scoped.Resource, s => $"/certificates/{s.SerialA}/honour-roll"),
        R("GET", "certificates/bulk", Who.Campaigners, Scoped.No, s => "/certificates/bulk"),
        R("POST", "certificates/bulk", Who.Campaigners, Scoped.No, s => "/certificates/bulk"),
        R("GET", "certificates/bulk/{id:long}", Who.Campaigners, Scoped.Resource, s => "/certificates/bulk/999999"),
        R("GET", "certificates/bulk/{id:long}/zip", Who.Campaigners, Scoped.Resource, s => "/certificates/bulk/999999/zip"),
        R("GET", "certificates/nominations", Who.Campaigners, Scoped.List, s => "/certificates/nominations"),
        R("POST", "certificates/nominations/{id:long}/approve", Who.Campaigners, Scoped.Resource, s => "/certificates/nominations/999999/approve"),
        R("POST", "certificates/nominations/{id:long}/reject", Who.Campaigners, Scoped.Resource, s => "/certificates/nominations/999999/reject"),
        R("GET", "api/certificates", Who.Campaigners, Scoped.List, s => "/api/certificates"),
        R("POST", "api/certificates", Who.Campaigners, Scoped.Resource, s => "/api/certificates",
            s => new { compatriotId = s.CompatriotA, moduleId = "issyk-kul", kind = "gratitude", language = "ky", reason = "Салым үчүн" },
            OwnModuleForeignPerson),
        R("POST", "api/certificates/batch", Who.Campaigners, Scoped.Resource, s => "/api/certificates/batch",
            s => new { compatriotIds = new[] { s.CompatriotA }, moduleId = "issyk-kul", kind = "gratitude", language = "ky", reason = "Салым үчүн" },
            s => new { compatriotIds = new[] { s.CompatriotA }, moduleId = "naryn", kind = "gratitude", language = "ky", reason = "Салым үчүн" }),
        R("GET", "api/certificates/{serial}", Who.Campaigners, Scoped.Resource, s => $"/api/certificates/{s.SerialA}"),
        R("GET", "api/certificates/{serial}/html", Who.Campaigners, Scoped.Resource, s => $"/api/certificates/{s.SerialA}/html"),
        R("GET", "api/certificates/{serial}/pdf", Who.Campaigners, Scoped.Resource, s => $"/api/certificates/{s.SerialA}/pdf"),
        R("POST", "api/certificates/{serial}/revoke", Who.Campaigners, Scoped.Resource, s => $"/api/certificates/{s.SerialA}/revoke", s => new { reason = "test" }),
        R("POST", "api/certificates/{serial}/reissue", Who.Campaigners, Scoped.Resource, s => $"/api/certificates/{s.SerialA}/reissue", s => new { reason = "test" }),
        R("POST", "api/certificates/{serial}/honour-roll", Who.Campaigners, Scoped.Resource, s => $"/api/certificates/{s.SerialA}/honour-roll", s => new { listed = true }),
        R("POST", "api/certificates/bulk", Who.Campaigners, Scoped.Resource, s => "/api/certificates/bulk", s => new { moduleId = "issyk-kul", dryRun = true }),
        R("GET", "api/jobs/{id:long}", Who.Campaigners, Scoped.Resource, s => "/api/jobs/999999"),
        R("GET", "api/jobs/{id:long}/zip", Who.Campaigners, Scoped.Resource, s => "/api/jobs/999999/zip"),
        // Leaders list the nominations they proposed and propose their own members; the issuers decide.
        R("GET", "api/certificates/nominations", Who.Staff, Scoped.List, s => "/api/certificates/nominations"),
        R("POST", "api/certificates/nominations", Who.Leader, Scoped.Resource, s => "/api/certificates/nominations",
            s => new { compatriotId = s.CompatriotA, kind = "gratitude", reason = "Салым үчүн" }),
        R("POST", "certificates/nominations/propose", Who.Leader, Scoped.Resource, s => "/certificates/nominations/propose"),
        // Issuer data: read by those who issue for the module, changed by an admin or the module's own oblast.
        R("GET", "api/modules/{moduleId}/issuer", Who.Campaigners, Scoped.Resource, s => "/api/modules/issyk-kul/issuer"),
        R("PUT", "api/modules/{moduleId}/issuer", Who.Admin | Who.Oblast, Scoped.Resource, s => "/api/modules/issyk-kul/issuer", s => new { }),
        R("GET", "certificates/issuer/{moduleId}", Who.Campaigners, Scoped.Resource, s => "/certificates/issuer/issyk-kul"),
        R("POST", "certificates/issuer/{moduleId}", Who.Admin | Who.Oblast, Scoped.Resource, s => "/certificates/issuer/issyk-kul"),
        R("POST", "api/certificates/nominations/{id:long}/approve", Who.Campaigners, Scoped.Resource, s => "/api/certificates/nominations/999999/approve", s => new { }),
        R("POST", "api/certificates/nominations/{id:long}/reject", Who.Campaigners, Scoped.Resource, s => "/api/certificates/nominations/999999/reject", s => new { }),
    ];
}
