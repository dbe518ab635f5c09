using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CampaignEngine.Web.Features.Auth;

internal static class AuthSetup
{
    /// <summary>
    /// Pages sign in with a cookie; the JSON API takes Bearer API keys. One policy scheme picks the
    /// right one per request so that [Authorize] reads the same everywhere.
    /// </summary>
    public static IServiceCollection AddCampaignAuth(this IServiceCollection services)
    {
        services.AddSingleton<UserStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<AccountLifecycle>();
        services.AddAuthentication("smart")
            .AddPolicyScheme("smart", "Cookie or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "ce_auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // The API answers 401/403, it never redirects to a sign-in page.
                o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = SessionVersionCheck.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        // Outside Development the cookie is Secure even when the request reached the host over plain HTTP: behind a TLS
        // proxy whose forwarded headers are not (or wrongly) configured, SameAsRequest would drop the flag. Browsers
        // keep Secure cookies on http://127.0.0.1 and http://localhost; other clients may not, so a local trial (plain HTTP on a
        // loopback address, no proxy) gets the cookie without the flag (LocalTrialCookies); Auth:SecureCookies=false turns the
        // flag off for a trial over plain HTTP on another address, and =true keeps it even for a local trial.
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IHostEnvironment, IConfiguration>((o, environment, configuration) =>
                o.Cookie.SecurePolicy = SecureCookies(configuration["Auth:SecureCookies"], environment)
                    ? CookieSecurePolicy.Always
                    : CookieSecurePolicy.SameAsRequest);

        services.Configure<Microsoft.AspNetCore.Builder.CookiePolicyOptions>(o => o.OnAppendCookie = LocalTrialCookies.Relax);

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Staff, p => p.RequireRole(Roles.All.ToArray()))
            .AddPolicy(Roles.Campaigners, p => p.RequireRole(Roles.Admin, Roles.Officer, Roles.Oblast))
            .AddPolicy(Roles.AdminOnly, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.Recorders, p => p.RequireRole(Roles.Admin, Roles.Officer, Roles.Leader))
            .AddPolicy(Roles.National, p => p.RequireRole(Roles.Admin, Roles.Officer))
            // An endpoint that declares nothing is for signed-in users only, never open by omission.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddHostedService<AdminBootstrap>();
        return services;
    }

    // Empty counts as unset (an environment variable left blank); anything else must be true or false.
    private static bool SecureCookies(string? setting, IHostEnvironment environment) =>
        string.IsNullOrWhiteSpace(setting) ? !environment.IsDevelopment()
        : bool.TryParse(setting, out var secure) ? secure
        : throw new InvalidOperationException($"Auth:SecureCookies: '{setting}' is not true or false.");

    /// <summary>
    /// A page session signed in with a temporary password reaches only the page where it is changed (and signing
    /// out): until then, the password the admin saw is still the one that opens the account.
    /// </summary>
    public static IApplicationBuilder UseTemporaryPasswordGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(c => c.Type == CurrentUser.TemporaryPasswordClaim) && !OpenWithTemporaryPassword(context.Request.Path))
        {
            context.Response.Redirect("/account/security");
            return;
        }
        await next();
    });

    private static bool OpenWithTemporaryPassword(PathString path) =>
        path.Equals("/account/security", StringComparison.OrdinalIgnoreCase) || path.Equals("/account/password", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/account/logout", StringComparison.OrdinalIgnoreCase) || path.Equals("/account/login", StringComparison.OrdinalIgnoreCase);

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
