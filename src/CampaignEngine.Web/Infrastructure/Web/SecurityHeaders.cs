namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Headers on every response. No script runs from anywhere but this origin (the pages need none);
/// nothing may frame the pages; and no Referer leaves the site, because tracked links carry a
/// personal token in their path.
/// </summary>
internal static class SecurityHeaders
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // HSTS outside Development only: a developer's browser must not pin https on localhost for a year.
        var hsts = !app.ApplicationServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment();
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // Behind a trusted TLS proxy the request is HTTPS once its forwarded headers are applied (TrustedProxies).
            if (hsts && context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            await next();
        });
    }
}
