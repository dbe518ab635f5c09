using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>RFC 9457 problem details that name the field at fault.</summary>
public static class Problems
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
    /// A request that could not be bound (broken JSON, a value of the wrong type, a missing body) as a problem
    /// naming the field: the JSON path of the value when there is one, "body" when the body as a whole is at fault.
    /// </summary>
    public static ObjectResult FromModelState(ModelStateDictionary modelState)
    {
        var errors = modelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .GroupBy(e => e.Key is "" or "$" or "input" or "request" or "body" ? "body" : e.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.SelectMany(e => e.Value!.Errors).Select(x => string.IsNullOrEmpty(x.ErrorMessage) ? "is not valid" : x.ErrorMessage).ToArray(),
                StringComparer.Ordinal);
        if (errors.Count == 0) errors["body"] = ["is missing or not valid JSON"];
        var first = errors.First();
        return new ProblemResult(new ValidationProblemDetails(errors)
        {
            Title = "The request is not valid.",
            Detail = $"{first.Key}: {first.Value[0]}",
            Status = StatusCodes.Status400BadRequest,
        })
        { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
    }

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
