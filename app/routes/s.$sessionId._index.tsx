/**
 * Participant view (phone-first): follows the facilitator's current panel live over Socket.io.
 * A participant who reconnects or joins late gets the full state on connect and lands on the
 * current panel.
 */
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConnectionStatus, PanelContent } from "~/components/session/PanelView";
import { useSession } from "~/realtime/useSession";
import { getOptionalUser } from "~/utils/auth.server";
import { getSessionParticipant, loadSession } from "~/utils/session-access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.state.title} · Roundtable` : "Roundtable" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await loadSession(context, params.sessionId!);
  const participant = await getSessionParticipant(request, context, session.id);
  if (!participant) {
    // Staff of the workshop go to the console; anyone else joins first.
    const user = await getOptionalUser(request, context);
    const role = user ? await context.services.stores.workshops.getMemberRole(session.workshopId, user.id) : null;
    throw redirect(role && role !== "rapporteur" ? `/s/${session.id}/console` : `/j/${session.joinCode}`);
  }
  const state = await context.services.realtime.sessionState(session.id);
  if (!state) throw new Response("Not found", { status: 404 });
  return { state, displayName: participant.displayName };
}

export default function ParticipantView() {
  const { t } = useTranslation();
  const { state: initial, displayName } = useLoaderData<typeof loader>();
  const { state, connected } = useSession(initial);
  const panel = state.panels[state.currentPanelIndex];
  return (
    <div className="phone stack">
      <div className="row spread">
        <span className="badge">{t(`common.rule.${state.rule}`)}</span>
        <ConnectionStatus connected={connected} />
      </div>
      <p className="muted small">
        {state.workshopTitle} · {state.title}
      </p>
      <div className="card" data-testid="session-status" data-status={state.status}>
        {state.status === "ready" ? (
          <>
            <h1>{state.title}</h1>
            <p>{t("session.participant.waiting")}</p>
          </>
        ) : state.status === "ended" ? (
          <>
            <h1>{state.title}</h1>
            <p>{t("session.participant.ended")}</p>
          </>
        ) : panel ? (
          <PanelContent panel={panel} index={state.currentPanelIndex} total={state.panels.length} headingLevel={1} />
        ) : null}
      </div>
      <p className="muted small">
        {displayName ? t("session.participant.youAre", { name: displayName }) : t("session.participant.anonymous")}
      </p>
    </div>
  );
}
