using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>RFC 9457 problem details that name the field at fault.</summary>
internal static class Problems
{
    public static ObjectResult Invalid(string field, string message) =>
        new ProblemResult(new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Title = "The request is not valid.",
            Detail = $"{field}: {message}",
            Status = StatusCodes.Status400BadRequest,
        })
        { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };

    /// <summary>Several fields at fault at once (a form sent through the API): every one is named.</summary>
    public static ObjectResult Invalid(IReadOnlyDictionary<string, string> errors) =>
        new ProblemResult(new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => new[] { e.Value }))
        {
            Title = "The request is not valid.",
            Detail = string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}")),
            Status = StatusCodes.Status400BadRequest,
        })
        { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };

    /// <summary>
    /// A request that could not be bound (broken JSON, a value of the wrong kind, a missing body) as a problem naming
    /// the field as the caller wrote it, or "body" when the body as a whole is at fault (<see cref="BindingErrors"/>).
    /// </summary>
    public static ObjectResult FromModelState(ActionContext context) => FromModelState(context.ModelState, BindingErrors.ForAction(context));

    /// <inheritdoc cref="FromModelState(ActionContext)"/>
    public static ObjectResult FromModelState(ModelStateDictionary modelState, BindingErrors wording)
    {
        var raised = modelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(x => (e.Key, Message: string.IsNullOrEmpty(x.ErrorMessage) ? "is not valid" : x.ErrorMessage)))
            .ToList();
        // MVC adds "the body is required" whenever the body could not be bound: said alone, it is the error; beside
        // the error that stopped the binding, it is noise.
        if (raised.Any(e => !wording.IsBodyRequired(e.Key, e.Message)))
            raised.RemoveAll(e => wording.IsBodyRequired(e.Key, e.Message));
        var errors = raised
            .Select(e => wording.Reword(e.Key, e.Message))
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Message).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        if (errors.Count == 0) errors[BindingErrors.Body] = ["must be a JSON object"];
        var first = errors.First();
        return new ProblemResult(new ValidationProblemDetails(errors)
        {
            Title = "The request is not valid.",
            Detail = $"{first.Key}: {first.Value[0]}",
            Status = StatusCodes.Status400BadRequest,
        })
        { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
    }

    /// <summary>Too many wrong attempts at a secret: 429 naming the field, with the wait in Retry-After.</summary>
    public static ObjectResult Locked(string field, TimeSpan wait) =>
        new LockedResult(new ValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [$"too many wrong attempts: the account is locked for {(int)wait.TotalMinutes} minutes"],
        })
        {
            Title = "Too many attempts.",
            Detail = $"{field}: too many wrong attempts; try again in {(int)wait.TotalMinutes} minutes.",
            Status = StatusCodes.Status429TooManyRequests,
        }, wait)
        { StatusCode = StatusCodes.Status429TooManyRequests, ContentTypes = { "application/problem+json" } };

    public static ObjectResult NotFound(string what) =>
        new ProblemResult(new ProblemDetails { Title = "Not found.", Detail = what, Status = StatusCodes.Status404NotFound })
        { StatusCode = StatusCodes.Status404NotFound, ContentTypes = { "application/problem+json" } };

    public static ObjectResult Forbidden(string detail) =>
        new ProblemResult(new ProblemDetails { Title = "Forbidden.", Detail = detail, Status = StatusCodes.Status403Forbidden })
        { StatusCode = StatusCodes.Status403Forbidden, ContentTypes = { "application/problem+json" } };

    public static ObjectResult Conflict(string detail) =>
        new ProblemResult(new ProblemDetails { Title = "Conflict.", Detail = detail, Status = StatusCodes.Status409Conflict })
        { StatusCode = StatusCodes.Status409Conflict, ContentTypes = { "application/problem+json" } };

    public static ObjectResult TooMany(string detail) =>
        new ProblemResult(new ProblemDetails { Title = "Too many requests.", Detail = detail, Status = StatusCodes.Status429TooManyRequests })
        { StatusCode = StatusCodes.Status429TooManyRequests, ContentTypes = { "application/problem+json" } };

    /// <summary>
    /// Keeps the RFC 9457 media type: a controller's [Produces("application/json")] would otherwise
    /// overwrite it when the result runs.
    /// </summary>
    private sealed class LockedResult(object problem, TimeSpan wait) : ObjectResult(problem)
    {
        public override Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            ContentTypes.Clear();
            ContentTypes.Add("application/problem+json");
            return base.ExecuteResultAsync(context);
        }
    }

    private sealed class ProblemResult(object problem) : ObjectResult(problem)
    {
        public override Task ExecuteResultAsync(ActionContext context)
        {
            ContentTypes.Clear();
            ContentTypes.Add("application/problem+json");
            return base.ExecuteResultAsync(context);
        }
    }
}
