using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using Dapper;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>What is wrong with a request, and in which field.</summary>
internal sealed record DeskFieldError(string Field, string Message);

internal sealed record SavedReply(long Id, string ModuleId, string Language, string Title, string Text, DateTimeOffset UpdatedAt);

/// <summary>A saved reply as the page and the API send it.</summary>
internal sealed record SavedReplyInput(string? ModuleId, string? Language, string? Title, string? Text);

/// <summary>
/// The replies staff reuse, per module and language: a user reads and edits those of the modules they act for
/// (national staff every module, an oblast administration its region's), and each is checked in the template sandbox
/// before it is saved, so a reply that breaks never reaches a person. Every change is audited.
/// </summary>
internal sealed class SavedReplies(Db db, ModuleRegistry modules, AnswerText answers, AuditLog audit, TimeProvider clock)
{
    public const int MaxTitle = 120;

    private const string Select = "SELECT id, module_id AS ModuleId, language, title, text, updated_at AS UpdatedAt FROM response_saved_reply";

    public IReadOnlyList<SavedReply> List(CurrentUser user, string? moduleId = null, string? language = null)
    {
        var parameters = new DynamicParameters(new { moduleId, language });
        var acted = SqlList.In(parameters, "acted", AccessScope.Of(user).ModulesActedFor(modules).Select(m => m.Id));
        using var connection = db.Open();
        return connection.Query<SavedReply>($"""
            {Select}
            WHERE module_id IN {acted} AND (@moduleId IS NULL OR module_id = @moduleId) AND (@language IS NULL OR language = @language)
            ORDER BY module_id, title, language
            """, parameters).ToList();
    }

    /// <summary>The reply, when <paramref name="user"/> acts for its module; otherwise as if there were none.</summary>
    public SavedReply? Find(CurrentUser user, long id)
    {
        using var connection = db.Open();
        var reply = connection.QuerySingleOrDefault<SavedReply>($"""
            {Select} WHERE id = @id
            """, new { id });
        return reply is not null && AccessScope.Of(user).MayActFor(reply.ModuleId, modules) ? reply : null;
    }

    /// <summary>The reply of the same module and title written in <paramref name="language"/>, else <paramref name="reply"/> itself.</summary>
    public SavedReply InLanguage(SavedReply reply, string language)
    {
        if (reply.Language == language) return reply;
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<SavedReply>($"""
            {Select}
            WHERE module_id = @ModuleId AND title = @Title AND language = @language
            """, new { reply.ModuleId, reply.Title, language }) ?? reply;
    }

    /// <summary>Creates (<paramref name="id"/> null) or changes a reply; the field at fault when it is refused.</summary>
    public (SavedReply? Saved, DeskFieldError? Problem, bool Found) Save(CurrentUser user, long? id, SavedReplyInput input)
    {
        if (id is { } existing && Find(user, existing) is null) return (null, null, false);
        if (Problem(user, input) is { } problem) return (null, problem, true);
        var now = clock.GetUtcNow();
        using var connection = db.Open();
        var duplicate = connection.ExecuteScalar<long?>("""
            SELECT id FROM response_saved_reply WHERE module_id = @ModuleId AND language = @Language AND title = @title AND id IS DISTINCT FROM @id
            """, new { input.ModuleId, input.Language, title = input.Title!.Trim(), id });
        if (duplicate is not null) return (null, new DeskFieldError("title", "a saved reply of this module and language already has this title"), true);
        var savedId = id is null
            ? connection.ExecuteScalar<long>("""
                INSERT INTO response_saved_reply (module_id, language, title, text, created_by, updated_by, created_at, updated_at)
                VALUES (@ModuleId, @Language, @title, @text, @userId, @userId, @now, @now) RETURNING id
                """, new { input.ModuleId, input.Language, title = input.Title!.Trim(), text = input.Text!.Trim(), userId = user.Id, now })
            : Update(connection, id.Value, input, user, now);
        audit.Record(user, id is null ? "desk.saved-reply.create" : "desk.saved-reply.update", $"saved-reply {savedId}",
            new { input.ModuleId, input.Language });
        return (Find(user, savedId), null, true);
    }

    public bool Delete(CurrentUser user, long id)
    {
        if (Find(user, id) is not { } reply) return false;
        using (var connection = db.Open())
            connection.Execute("DELETE FROM response_saved_reply WHERE id = @id", new { id });
        audit.Record(user, "desk.saved-reply.delete", $"saved-reply {id}", new { reply.ModuleId, reply.Language });
        return true;
    }

    private static long Update(System.Data.IDbConnection connection, long id, SavedReplyInput input, CurrentUser user, DateTimeOffset now)
    {
        connection.Execute("""
            UPDATE response_saved_reply SET module_id = @ModuleId, language = @Language, title = @title, text = @text, updated_by = @userId, updated_at = @now
            WHERE id = @id
            """, new { id, input.ModuleId, input.Language, title = input.Title!.Trim(), text = input.Text!.Trim(), userId = user.Id, now });
        return id;
    }

    private DeskFieldError? Problem(CurrentUser user, SavedReplyInput input)
    {
        if (input.ModuleId is null || modules.Find(input.ModuleId) is not { } module || !AccessScope.Of(user).MayActFor(module))
            return new("moduleId", "is not a module you act for");
        if (!Languages.IsKnown(input.Language)) return new("language", "is one of ky, ru, en");
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > MaxTitle) return new("title", $"is empty or longer than {MaxTitle} characters");
        if (string.IsNullOrWhiteSpace(input.Text) || input.Text.Trim().Length > DeskThreads.MaxText) return new("text", $"is empty or longer than {DeskThreads.MaxText} characters");
        return answers.Check(module, input.Language!, input.Text.Trim()) is { } error ? new("text", error.ToString()) : null;
    }
}
