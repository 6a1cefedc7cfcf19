package io.waymark.live.internal;

import io.waymark.bus.EventBus;
import io.waymark.live.AlertFeed;
import io.waymark.live.LiveProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/** Puts the live board together with its feed. */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

    @Bean
    LiveBoard liveBoard(LiveProperties properties, EventBus bus, Clock clock, JsonMapper json) {
        return new LiveBoard(properties, bus, clock, json);
    }

    @Bean
    LiveRoster liveRoster(DatabaseClient db, LiveBoard board) {
        return new LiveRoster(db, board.transitions());
    }

    @Bean
    LiveSnapshots liveSnapshots(LiveBoard board, LiveRoster roster) {
        return new LiveSnapshots(board, roster);
    }

    @Bean
    LiveBoardFeed liveBoardFeed(
            LiveBoard board,
            LiveRoster roster,
            EventBus bus,
            Clock clock,
            LiveProperties properties,
            ObjectProvider<AlertFeed> alerts) {
        return new LiveBoardFeed(board, roster, bus, clock, properties, alerts);
    }
}
