namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Framework log categories that write request urls, route values and action arguments at Information, Debug or
/// Trace. Those carry the compatriots' link tokens (<c>/r/{token}</c>, <c>/u/{token}</c>) and whatever a form held,
/// so they are held back whatever level the configuration asks for; the product's own categories log ids only.
/// </summary>
internal static class LogPrivacy
{
    public static readonly IReadOnlyDictionary<string, LogLevel> QuietCategories = new Dictionary<string, LogLevel>
    {
        // Opens a scope "RequestPath=/r/<token>" around every entry of a request while any level is on; None stops
        // the scope, and UseRequestLogScope puts back the request id with the route template instead of the path.
        ["Microsoft.AspNetCore.Hosting.Diagnostics"] = LogLevel.None,
        ["Microsoft.AspNetCore.HttpLogging"] = LogLevel.Warning,
        ["Microsoft.AspNetCore.Routing"] = LogLevel.Warning,              // matched route values
        ["Microsoft.AspNetCore.Mvc"] = LogLevel.Warning,                  // action arguments and bound values at Trace
        ["Microsoft.AspNetCore.Server.Kestrel"] = LogLevel.Warning,       // bad request lines echo the url
        ["Microsoft.AspNetCore.Http.Result"] = LogLevel.Warning,
        ["Microsoft.AspNetCore.StaticFiles"] = LogLevel.Warning,
        ["Microsoft.AspNetCore.Antiforgery"] = LogLevel.Warning,
        ["Microsoft.AspNetCore.Authentication"] = LogLevel.Warning,
    };

    public static ILoggingBuilder AddLogPrivacy(this ILoggingBuilder logging)
    {
        foreach (var (category, level) in QuietCategories) logging.AddFilter(category, level);
        return logging;
    }

    /// <summary>Every entry of a request carries its id and the route template (<c>r/{token}</c>), never the path itself.</summary>
    public static IApplicationBuilder UseRequestLogScope(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("CampaignEngine.Request");
        return app.Use(async (context, next) =>
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = context.TraceIdentifier, ["Route"] = route }))
                await next(context);
        });
    }
}
