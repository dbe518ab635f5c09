using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CampaignEngine.Web.Tests.Security;

public sealed class AuthorizationMatrixTestsOnSqlite(ITestOutputHelper output) : AuthorizationMatrixTests(TestHost.Sqlite, output);

public sealed class AuthorizationMatrixTestsOnPostgreSql(ITestOutputHelper output) : AuthorizationMatrixTests(TestHost.PostgreSql, output);

/// <summary>
/// Every route of the running app against <see cref="AuthorizationMatrix"/>: each role, anonymous, and users of
/// another region and another organisation on scope A's ids. Calls that must be refused run first and must leave
/// the database exactly as it was; the allowed calls run after.
/// </summary>
public abstract class AuthorizationMatrixTests(string engine, ITestOutputHelper output) : IDisposable
{
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000" } };

    private static readonly (string Caller, Who Role)[] InScope =
        [(MatrixSeed.Admin, Who.Admin), (MatrixSeed.Officer, Who.Officer), (MatrixSeed.Oblast, Who.Oblast), (MatrixSeed.Leader, Who.Leader)];
    private static readonly (string Caller, Who Role)[] OutOfScope =
        [(MatrixSeed.OtherOblast, Who.Oblast), (MatrixSeed.OtherLeader, Who.Leader)];

    private IReadOnlyList<(string Method, string Template, Endpoint Endpoint)> Routes() =>
        _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => (Method: m, Template: Normalize(e.RoutePattern.RawText), Endpoint: (Endpoint)e)))
            .DistinctBy(r => (r.Method, r.Template))
            .OrderBy(r => r.Template).ThenBy(r => r.Method)
            .ToList();

    [SkippableFact]
    public void Every_route_has_exactly_one_rule_in_the_matrix()
    {
        var rules = AuthorizationMatrix.Rules.GroupBy(r => (r.Method, Normalize(r.Template))).ToList();
        var duplicates = rules.Where(g => g.Count() > 1).Select(g => $"{g.Key.Method} {g.Key.Item2}").ToList();
        Assert.True(duplicates.Count == 0, "Rules listed twice: " + string.Join(", ", duplicates));
        var routes = Routes();
        var missing = routes.Where(r => !rules.Any(g => g.Key == (Governing(r.Method), r.Template)))
            .Select(r => $"R(\"{r.Method}\", \"{r.Template}\", Who.?, Scoped.?, s => \"/{r.Template}\"),").ToList();
        Assert.True(missing.Count == 0,
            "Routes without a rule in AuthorizationMatrix (say who may use them):\n" + string.Join("\n", missing));
        var stale = rules.Where(g => !routes.Any(r => (r.Method, r.Template) == g.Key)).Select(g => $"{g.Key.Method} {g.Key.Item2}").ToList();
        Assert.True(stale.Count == 0, "Rules for routes the app no longer has: " + string.Join(", ", stale));
    }

    [SkippableFact]
    public void Every_endpoint_declares_who_may_use_it()
    {
        var undeclared = Routes()
            .Where(r => !r.Endpoint.Metadata.OfType<IAuthorizeData>().Any() && !r.Endpoint.Metadata.OfType<IAllowAnonymous>().Any())
            .Select(r => $"{r.Method} {r.Template} ({r.Endpoint.Metadata.GetMetadata<ControllerActionDescriptor>()?.DisplayName ?? r.Endpoint.DisplayName})")
            .ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without [Authorize(...)] or [AllowAnonymous]:\n" + string.Join("\n", undeclared));
    }

    [SkippableFact]
    public void Every_form_post_of_the_pages_checks_the_anti_forgery_token()
    {
        // Posts that cannot carry a token, each for a stated reason; everything else on the pages must validate one.
        string[] exempt =
        [
            "POST r/{token}/pledge",        // the JSON variant for apps: no cookie involved, the token in the url is the credential
            "POST me/{token}/preferences",  // the same for the personal page's JSON variant (its form validates the token)
            "POST u/{token}",               // one-click unsubscribe from mail clients (RFC 8058), no page involved
            "POST webhooks/{channel}",      // provider callbacks, authenticated by signature
            "POST webhooks/email",          // a mail provider's inbound route, authenticated by signature
        ];
        var unchecked_ = Routes()
            .Where(r => r.Method is "POST" or "PUT" or "DELETE" && !r.Template.StartsWith("api/", StringComparison.Ordinal))
            .Where(r => r.Endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: true }
                        && !r.Endpoint.Metadata.OfType<ValidateAntiForgeryTokenAttribute>().Any())
            .Select(r => $"{r.Method} {r.Template}")
            .Where(r => !exempt.Contains(r))
            .ToList();
        Assert.True(unchecked_.Count == 0, "Page posts without [ValidateAntiForgeryToken]:\n" + string.Join("\n", unchecked_));
    }

    [SkippableFact]
    public async Task Every_route_answers_each_role_and_outsider_as_the_matrix_says()
    {
        var seed = await MatrixSeed.CreateAsync(_host);
        var routes = Routes();
        var failures = new List<string>();
        // Outsiders also sign in on the pages (signing in writes the audit log, so before the fingerprint is taken).
        var browsers = new Dictionary<string, (HttpClient Client, string Token)>();
        foreach (var (caller, _) in OutOfScope)
        {
            var browser = await Users.SignInAsync(_host, MatrixSeed.OutsiderLogins[caller]);
            browsers[caller] = (browser, Users.Token(await browser.GetStringAsync("/account/security")));
        }
        var before = Fingerprint();

        // Phase 1: everything that must be refused, against scope A's ids. None of it may change the database.
        foreach (var route in routes)
        {
            var rule = RuleFor(route);
            if (rule is null || rule.Who.HasFlag(Who.Public)) continue;
            {
                var anonymous = await Call(null, route.Method, rule, seed);
                if (!(anonymous.Status == 401 || anonymous.RedirectsTo("/account/login")))
                    failures.Add($"{route.Method} {route.Template} anonymous: expected 401 or the sign-in page, got {anonymous}");
            }
            foreach (var (caller, role) in InScope.Concat(OutOfScope))
            {
                var outsider = OutOfScope.Contains((caller, role));
                if (rule.Who.HasFlag(role) && !(outsider && rule.Scoped == Scoped.Resource)) continue;
                var result = await Call(seed.Keys[caller], route.Method, rule, seed, outsider);
                var refused = rule.Who.HasFlag(role) ? result.Status is 400 or 403 or 404 : result.Status is 403 or 404;
                if (!refused) failures.Add($"{route.Method} {route.Template} as {caller}: expected to be refused, got {result}");
                if (result.Leaked is { } leaked) failures.Add($"{route.Method} {route.Template} as {caller}: the answer holds scope A's '{leaked}'");
            }
        }
        // Outsiders on the page forms of scope A, signed in with a cookie and carrying a valid anti-forgery token,
        // so that what refuses them is the scope check and not the missing token.
        foreach (var (caller, role) in OutOfScope)
        {
            var (browser, token) = browsers[caller];
            foreach (var route in routes.Where(r => r.Method == "POST" && !r.Template.StartsWith("api/", StringComparison.Ordinal)))
            {
                if (RuleFor(route) is not { Scoped: Scoped.Resource } rule || !rule.Who.HasFlag(role)) continue;
                var form = new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token, ["reason"] = "matrix", ["decision"] = "approve", ["listed"] = "true",
                };
                if (rule.OutsiderBody?.Invoke(seed) is IReadOnlyDictionary<string, string> fields)
                    foreach (var (name, value) in fields) form[name] = value;
                using var response = await browser.PostAsync(rule.Url(seed), new FormUrlEncodedContent(form));
                var text = await response.Content.ReadAsStringAsync();
                // A complete form naming scope A's person (OutsiderBody) may also be refused as a field error, 400.
                var refused = (int)response.StatusCode is 403 or 404 || (rule.OutsiderBody is not null && response.StatusCode == HttpStatusCode.BadRequest);
                if (!refused)
                    failures.Add($"{route.Method} {route.Template} as {caller} with a valid form token: expected 403 or 404, got {(int)response.StatusCode}");
                if (MatrixSeed.Sentinels.FirstOrDefault(s => text.Contains(s, StringComparison.Ordinal) || text.Contains(WebUtility.HtmlEncode(s), StringComparison.Ordinal)) is { } leaked)
                    failures.Add($"{route.Method} {route.Template} as {caller} with a valid form token: the answer holds scope A's '{leaked}'");
            }
        }

        var after = Fingerprint();
        var changed = before.Keys.Where(t => !after.TryGetValue(t, out var hash) || hash != before[t]).ToList();
        if (changed.Count > 0) failures.Add("Refused calls changed the database: " + string.Join(", ", changed));

        // Outsiders on lists: their own part, none of scope A.
        foreach (var route in routes)
        {
            if (RuleFor(route) is not { Scoped: Scoped.List } rule) continue;
            foreach (var (caller, role) in OutOfScope.Where(o => rule.Who.HasFlag(o.Role)))
            {
                var result = await Call(seed.Keys[caller], route.Method, rule, seed);
                if (result.Status >= 400) failures.Add($"{route.Method} {route.Template} as {caller}: a list should answer, got {result}");
                if (result.Leaked is { } leaked) failures.Add($"{route.Method} {route.Template} as {caller}: the list holds scope A's '{leaked}'");
            }
        }

        // Phase 2: the allowed calls pass authorisation (what they then answer is the features' tests' business, but never a 500).
        foreach (var route in routes.OrderBy(r => r.Method == "GET" ? 0 : 1))
        {
            if (RuleFor(route) is not { } rule) continue;
            var callers = InScope.Where(c => rule.Who.HasFlag(c.Role)).Select(c => (string?)c.Caller).ToList();
            if (rule.Who.HasFlag(Who.Public)) callers.Insert(0, null);
            foreach (var caller in callers)
            {
                var result = await Call(caller is null ? null : seed.Keys[caller], route.Method, rule, seed);
                // 503 is the webhooks' answer while no provider secret is configured: they refuse everything then.
                if (result.Status is 401 or 403 or 429 or (>= 500 and not 503) || result.RedirectsTo("/account/login") || result.RedirectsTo("/account/denied"))
                    failures.Add($"{route.Method} {route.Template} as {caller ?? "anonymous"}: expected to be let in, got {result}");
            }
        }

        foreach (var failure in failures) output.WriteLine(failure);
        Assert.True(failures.Count == 0, $"{failures.Count} authorisation failures:\n" + string.Join("\n", failures));
    }

    [SkippableFact]
    public async Task A_signed_in_browser_cannot_drive_the_api_with_its_cookie()
    {
        var browser = await Users.SignInAsync(_host, "cookie-admin", "admin");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compatriots")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/compatriots")).StatusCode);
    }

    private static Rule? RuleFor((string Method, string Template, Endpoint Endpoint) route) =>
        AuthorizationMatrix.Rules.FirstOrDefault(r => r.Method == Governing(route.Method) && Normalize(r.Template) == route.Template);

    /// <summary>A page's HEAD is its GET without the body (HeadWhereGet): the GET's rule governs it, and both are called.</summary>
    private static string Governing(string method) => method == "HEAD" ? "GET" : method;

    private async Task<CallResult> Call(string? key, string method, Rule rule, MatrixSeed seed, bool outsider = false)
    {
        using var client = key is null ? _host.CreateClient(new() { AllowAutoRedirect = false }) : _host.ClientWithKey(key);
        var url = rule.Url(seed);
        using var request = new HttpRequestMessage(new HttpMethod(method == "ANY" ? "GET" : method), url);
        // An outsider's API call reaches scope A through their own module when the rule says how; forms are posted below.
        var chosen = outsider && url.StartsWith("/api/", StringComparison.Ordinal) && rule.OutsiderBody is { } own ? own : rule.Body;
        if (method is "POST" or "PUT" or "PATCH")
            request.Content = chosen is { } body ? (body(seed) is HttpContent content ? content : JsonContent.Create(body(seed)))
                : url.StartsWith("/api/", StringComparison.Ordinal) ? JsonContent.Create(new { })
                : new FormUrlEncodedContent([]);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new CallResult((int)response.StatusCode, response.Headers.Location?.ToString(),
            MatrixSeed.Sentinels.FirstOrDefault(s => text.Contains(s, StringComparison.Ordinal) || text.Contains(WebUtility.HtmlEncode(s), StringComparison.Ordinal)),
            text.Length > 200 ? text[..200] : text);
    }

    private sealed record CallResult(int Status, string? Location, string? Leaked, string Body)
    {
        public bool RedirectsTo(string path) => Status is 302 or 303 && Location?.Contains(path, StringComparison.Ordinal) == true;
        public override string ToString() => $"{Status}{(Location is null ? "" : " → " + Location)} {Body}";
    }

    /// <summary>The content of every table but the ones a read touches (API key last use, a session's last sight), that only grows with reads' side notes, or that a running host renews on its own (its sending lease).</summary>
    private Dictionary<string, string> Fingerprint()
    {
        using var connection = _host.OpenDatabase();
        var tables = connection.Query<string>(engine == TestHost.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('auth_api_key', 'send_host', 'sqlite_sequence') ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('auth_api_key', 'send_host') ORDER BY table_name");
        var hashes = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            // Sorted here rather than by rowid: some tables are WITHOUT ROWID.
            // A session's last sight is noted by reads (every few minutes); whether it was ended is not.
            var select = table == "auth_session" ? "SELECT id_hash, user_id, created_at, ended_at, end_reason FROM auth_session" : $"SELECT * FROM \"{table}\"";
            var rows = connection.Query(select)
                .Select(row => string.Join('|', ((IDictionary<string, object?>)row).Values))
                .Order(StringComparer.Ordinal);
            hashes[table] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))));
        }
        return hashes;
    }

    private static string Normalize(string? template) => (template ?? "").TrimStart('/');

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
