using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OAuthPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddHighSecurityProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DpopBoundAccessTokens",
                table: "Clients",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Jwks",
                table: "Clients",
                type: "TEXT",
                maxLength: 16384,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JwksUri",
                table: "Clients",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile",
                table: "Clients",
                type: "TEXT",
                unicode: false,
                maxLength: 16,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<bool>(
                name: "RequirePushedAuthorizationRequests",
                table: "Clients",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "DpopJkt",
                table: "AuthorizationCodes",
                type: "TEXT",
                unicode: false,
                maxLength: 43,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DpopJkt",
                table: "AccessTokens",
                type: "TEXT",
                unicode: false,
                maxLength: 43,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PushedAuthorizationRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestUriHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    Parameters = table.Column<string>(type: "TEXT", maxLength: 32768, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VisitedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConsumedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PushedAuthorizationRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PushedAuthorizationRequests_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UsedJwtIds",
                columns: table => new
                {
                    Key = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsedJwtIds", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PushedAuthorizationRequests_ClientId",
                table: "PushedAuthorizationRequests",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_PushedAuthorizationRequests_ExpiresAt",
                table: "PushedAuthorizationRequests",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_PushedAuthorizationRequests_RequestUriHash",
                table: "PushedAuthorizationRequests",
                column: "RequestUriHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UsedJwtIds_ExpiresAt",
                table: "UsedJwtIds",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PushedAuthorizationRequests");

            migrationBuilder.DropTable(
                name: "UsedJwtIds");

            migrationBuilder.DropColumn(
                name: "DpopBoundAccessTokens",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "Jwks",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "JwksUri",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "Profile",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "RequirePushedAuthorizationRequests",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "DpopJkt",
                table: "AuthorizationCodes");

            migrationBuilder.DropColumn(
                name: "DpopJkt",
                table: "AccessTokens");
        }
    }
}
