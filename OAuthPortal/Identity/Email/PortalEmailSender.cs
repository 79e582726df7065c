using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Options;
using MimeKit;

namespace OAuthPortal.Identity.Email;

/// <summary>
/// The portal's <see cref="IEmailSender"/> (Identity UI's pages and the portal's own): the message goes to the
/// <see cref="EmailOutbox"/>, which delivers it by SMTP or to a pickup folder as <see cref="EmailSettings"/> say.
/// Without settings nothing is sent, and the log says so.
/// </summary>
public sealed class PortalEmailSender(IOptions<EmailSettings> options, EmailOutbox outbox, TimeProvider clock, ILogger<PortalEmailSender> logger) : IEmailSender
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            logger.LogInformation("E-mail is not configured (Portal:Email): the message \"{Subject}\" was not sent.", subject);
            return Task.CompletedTask;
        }

        var message = new MimeMessage { Subject = subject, Date = clock.GetUtcNow(), Body = new TextPart("html") { Text = htmlMessage } };
        message.From.Add(MailboxAddress.Parse(settings.From!));
        message.To.Add(MailboxAddress.Parse(email));
        if (!outbox.Enqueue(message))
        {
            logger.LogWarning("The e-mail queue is full or the portal is shutting down: the message \"{Subject}\" was not sent.", subject);
        }

        return Task.CompletedTask;
    }
}
